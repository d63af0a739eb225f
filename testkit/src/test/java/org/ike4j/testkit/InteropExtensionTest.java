package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;

/** What {@link Interop} checks, and that its leak check fails while something of ours is left. */
@Interop(needs = {Requirement.ROOT, Requirement.IPROUTE2})
class InteropExtensionTest {

    @Interop(strongSwan = true, needs = {Requirement.TSHARK, Requirement.ROOT})
    private static final class StrongSwanAndTshark {
    }

    @Interop(needs = Requirement.PING)
    private static final class PingOnly {
    }

    @Test
    void requirementsAreTheUnionOfTheBundleAndTheList() {
        EnumSet<Requirement> expected = EnumSet.copyOf(Requirement.STRONGSWAN);
        expected.add(Requirement.TSHARK);
        assertEquals(expected, InteropExtension.requirements(StrongSwanAndTshark.class.getAnnotation(Interop.class)));
        assertEquals(EnumSet.of(Requirement.PING),
                InteropExtension.requirements(PingOnly.class.getAnnotation(Interop.class)));
    }

    @Test
    void aNamespaceLeftOpenFailsTheCheckUntilItIsClosed() {
        InteropExtension.assertNothingLeftBehind();
        NetNamespace left = NetNamespace.create("leakcheck");
        try {
            AssertionError e = assertThrows(AssertionError.class, InteropExtension::assertNothingLeftBehind);
            assertTrue(e.getMessage().contains("namespaces left behind") && e.getMessage().contains(left.name()),
                    e.getMessage());
        } finally {
            left.close();
        }
        InteropExtension.assertNothingLeftBehind();
    }

    @Test
    void aProcessLeftRunningFailsTheCheckUntilItIsStopped() {
        BackgroundProcess sleeper = Processes.start("sleep", List.of("sleep", "300"), Map.of(), Path.of("/dev/null"));
        try {
            AssertionError e = assertThrows(AssertionError.class, InteropExtension::assertNothingLeftBehind);
            assertTrue(e.getMessage().contains("not closed") || e.getMessage().contains("processes left behind"),
                    e.getMessage());
        } finally {
            sleeper.close();
        }
        InteropExtension.assertNothingLeftBehind();
    }
}
