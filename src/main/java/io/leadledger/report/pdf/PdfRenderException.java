package io.leadledger.report.pdf;

/** A PDF report could not be rendered: missing or invalid template, fill or export failure. */
public class PdfRenderException extends RuntimeException {
    public PdfRenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
