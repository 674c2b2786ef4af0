package io.leadledger.extract.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An API token from the environment: the variable jobs/ names (api.tokenEnv), or a file named by NAME_FILE (a
 * Docker or Kubernetes secret). Its value never reaches a message, a log or the warehouse: {@link #toString()}
 * hides it.
 */
public final class ApiToken {

    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /** @param env the environment (Spring's: environment variables, system properties, command-line arguments) */
    public static ApiToken fromEnvironment(String name, java.util.function.UnaryOperator<String> env) {
        String direct = env.apply(name);
        if (direct != null && !direct.isBlank()) {
            return new ApiToken(direct.strip());
        }
        String file = env.apply(name + "_FILE");
        if (file != null && !file.isBlank()) {
            try {
                String v = Files.readString(Path.of(file.strip())).strip();
                if (!v.isEmpty()) {
                    return new ApiToken(v);
                }
                throw new ApiException(name + "_FILE names " + file.strip() + ", which is empty", false);
            } catch (IOException e) {
                throw new ApiException(name + "_FILE names " + file.strip() + ", which cannot be read ("
                        + e.getClass().getSimpleName() + ")", false);
            }
        }
        throw new ApiException("the environment variable " + name + " (or " + name + "_FILE, a file holding it) is "
                + "not set: it holds the API token", false);
    }

    /** For the Authorization header only. */
    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }
}
