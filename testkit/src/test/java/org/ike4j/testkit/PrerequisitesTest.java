package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The message a laptop user sees when something is missing (no root needed). */
class PrerequisitesTest {

    @Test
    void messageNamesWhatIsMissingAndTheDebianPackages() {
        String message = Prerequisites.message(List.of(Requirement.ROOT, Requirement.KERNEL_LIBIPSEC,
                Requirement.TSHARK, Requirement.EXTRA_CRYPTO));
        assertTrue(message.contains("running as root"), message);
        assertTrue(message.contains("libstrongswan-kernel-libipsec.so"), message);
        assertTrue(message.endsWith("apt-get install libcharon-extra-plugins libstrongswan-extra-plugins tshark"),
                message);
    }

    @Test
    void skipsOnALaptopAndFailsUnderCi() {
        List<Requirement> missing = List.of(Requirement.TSHARK);
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> Prerequisites.decide(missing, false));
        assertTrue(skipped.getMessage().contains("apt-get install tshark"), skipped.getMessage());
        AssertionError failed = assertThrows(AssertionError.class, () -> Prerequisites.decide(missing, true));
        assertTrue(failed.getMessage().contains("apt-get install tshark"), failed.getMessage());
        assertTrue(failed.getMessage().contains("CI=true"), failed.getMessage());
        Prerequisites.decide(List.of(), true);   // nothing missing: neither
    }

    @Test
    void everyRequirementButRootAndTunNamesAPackage() {
        for (Requirement requirement : Requirement.values()) {
            if (requirement != Requirement.ROOT && requirement != Requirement.TUN) {
                assertTrue(requirement.debianPackage().matches("[a-z0-9.+-]+"), requirement.name());
            }
        }
        assertEquals("", Requirement.ROOT.debianPackage());
    }
}
