package io.adoec2.cli.simulate;

/**
 * An invocation lost half way, as when Lambda times it out or its process is killed: an Error,
 * so that no handler code catches it, as nothing in a dying process gets to run. The event
 * source then delivers the event again.
 */
final class InvocationDied extends Error {
    InvocationDied(long calls) {
        super("the invocation died after " + calls + " call(s) (injected)", null, false, false);
    }
}
