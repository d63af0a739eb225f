package org.ike4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs real peers in namespaces it creates, and gives it the two checks
 * every such class needs (see {@link InteropExtension}):
 * <ul>
 *   <li>before its first test, {@link Prerequisites#require(java.util.Set)} with what it names
 *       here: skipped on a laptop that lacks one, failed under {@code CI=true};</li>
 *   <li>after its last test, nothing of this JVM's is left: no namespace with this run's prefix
 *       ({@link NetNamespace#runPrefix()}), no kit resource left open, no child process alive.</li>
 * </ul>
 *
 * <pre>{@code
 * @Interop(strongSwan = true, needs = Requirement.TSHARK)
 * class SomeInteropTest {
 *     @Test
 *     void something(@TempDir Path dir) {
 *         try (TestNetwork net = new TestNetwork()) { ... }   // each test still closes what it makes
 *     }
 * }
 * }</pre>
 *
 * The check only looks at this JVM's own namespaces and processes: another engineer's test
 * running at the same time is neither seen nor touched.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(InteropExtension.class)
public @interface Interop {

    /** Everything a charon-in-a-namespace test needs ({@link Requirement#STRONGSWAN}), in addition to {@link #needs}. */
    boolean strongSwan() default false;

    /** What the class needs from the machine (beyond {@link Requirement#STRONGSWAN} when {@link #strongSwan}). */
    Requirement[] needs() default {};
}
