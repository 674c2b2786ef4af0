package io.leadledger.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import java.nio.charset.StandardCharsets;

/**
 * What goes over the queue: Spring Batch's StepExecutionRequest (the worker step's name and the partition's step
 * execution id) and the run it belongs to, as JSON text. Only keys: the rows, the files' paths and every credential
 * stay in the job repository and the workers' environment. Text, not Java serialization, so a worker never
 * deserializes objects from the broker.
 */
final class PartitionMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PartitionMessage() {
    }

    static Message of(StepExecutionRequest request, long jobExecutionId) {
        var node = JSON.createObjectNode();
        node.put("stepName", request.getStepName());
        node.put("stepExecutionId", request.getStepExecutionId());
        node.put("jobExecutionId", jobExecutionId);
        MessageProperties props = new MessageProperties();
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        props.setContentEncoding("UTF-8");
        // kept on disk by the broker: a partition queued when the broker restarts is still there afterwards
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(node.toString().getBytes(StandardCharsets.UTF_8), props);
    }

    /** The request in a message, or an IllegalArgumentException saying what is wrong with it. */
    static StepExecutionRequest request(Message m) {
        try {
            JsonNode n = JSON.readTree(m.getBody());
            if (n == null || !n.hasNonNull("stepName") || !n.path("stepExecutionId").canConvertToLong()) {
                throw new IllegalArgumentException("not a partition request: " + preview(m));
            }
            return new StepExecutionRequest(n.get("stepName").asText(), n.get("stepExecutionId").asLong());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a partition request: " + preview(m));
        }
    }

    private static String preview(Message m) {
        String s = new String(m.getBody(), StandardCharsets.UTF_8);
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
