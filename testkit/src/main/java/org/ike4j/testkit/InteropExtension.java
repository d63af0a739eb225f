package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link Interop} does: the prerequisite check before a class's tests and the leak check after
 * them. One home for what each interop class used to write as its own {@code @BeforeAll} and
 * {@code @AfterAll}.
 *
 * <p>The leak check runs only when the prerequisites were met: a class skipped on a laptop made
 * nothing, and the check itself needs {@code ip}.
 */
public final class InteropExtension implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(InteropExtension.class);
    private static final String READY = "prerequisites met";

    /** The requirements an {@link Interop} annotation names. */
    static Set<Requirement> requirements(Interop interop) {
        EnumSet<Requirement> all = EnumSet.noneOf(Requirement.class);
        if (interop.strongSwan()) {
            all.addAll(Requirement.STRONGSWAN);
        }
        all.addAll(List.of(interop.needs()));
        return all;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Interop interop = context.getRequiredTestClass().getAnnotation(Interop.class);
        if (interop == null) {
            throw new IllegalStateException("@ExtendWith(InteropExtension.class) without @Interop on "
                    + context.getRequiredTestClass());
        }
        Prerequisites.require(requirements(interop));
        context.getStore(STORE).put(READY, Boolean.TRUE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getStore(STORE).get(READY) == null) {
            return;   // skipped (or failed) before any test ran
        }
        assertNothingLeftBehind();
    }

    /**
     * Fails when this JVM left a namespace, an open kit resource (process, charon, namespace) or a
     * live child process behind.
     */
    public static void assertNothingLeftBehind() {
        assertEquals(List.of(), NetNamespace.existing(NetNamespace.runPrefix()), "namespaces left behind");
        assertEquals(List.of(), Cleanup.open(), "processes, charons or namespaces not closed");
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList(), "processes left behind");
    }
}
