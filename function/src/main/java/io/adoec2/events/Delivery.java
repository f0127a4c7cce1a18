package io.adoec2.events;

import io.adoec2.lifecycle.LifecycleEvent;

/** One message of a batch, as its source delivered it: understood, or not. */
public sealed interface Delivery {

    /** The source's id of the message (SNS MessageId, SQS messageId): what a partial failure names. */
    String messageId();

    record Parsed(String messageId, LifecycleEvent event) implements Delivery {}

    record Malformed(String messageId, MalformedEventException problem) implements Delivery {}
}
