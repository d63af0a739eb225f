package org.ike4j.config.swanctl;

import java.util.Locale;
import java.util.Set;
import org.ike4j.config.AuthMethod;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Problem;
import org.ike4j.config.swanctl.SettingsSection.Value;

/** The local and remote authentication rounds of a connection (swanctl.conf(5) local&lt;suffix&gt;). */
final class Rounds {
    private Rounds() {
    }

    private static final Set<String> MAPPED = Set.of("auth", "id");
    /** Valid keys of a round that ike4j does not use (certificates, EAP, XAuth): noted. */
    private static final Set<String> ACCEPTED = Set.of("round", "certs", "pubkeys", "eap_id", "aaa_id", "xauth_id",
            "groups", "cert_policy", "ca_id", "cacerts", "revocation");

    static void checkKeys(SettingsSection round, Diagnostics notes, Set<Problem> errors) {
        for (Value v : round.values.values()) {
            if (ACCEPTED.contains(v.key())) {
                notes.note(v.keyLocation(), "'" + v.key() + "' is accepted but not used by ike4j");
            } else if (!MAPPED.contains(v.key())) {
                errors.add(Problem.error(v.keyLocation(), "unknown key '" + v.key() + "' in " + round.name
                        + " (expected auth, id, certs, ...)"));
            }
        }
        for (SettingsSection s : round.sections.values()) {
            if (s.name.startsWith("cert") || s.name.startsWith("cacert")) {
                notes.note(s.location, "certificate section '" + s.name + "' is accepted but not used by ike4j");
            } else {
                errors.add(Problem.error(s.location, "unknown section '" + s.name + "' in " + round.name));
            }
        }
    }

    /** psk, or a public key method (pubkey, rsa, ecdsa, ... with constraints); EAP and XAuth are refused. */
    static AuthMethod auth(Value v) throws ConfigException {
        String a = v.value().strip().toLowerCase(Locale.ROOT);
        if (a.equals("psk")) {
            return AuthMethod.PSK;
        }
        if (a.startsWith("eap") || a.startsWith("xauth")) {
            throw new ConfigException(v.valueLocation(), "auth = " + v.value() + " (EAP/XAuth) is not supported by ike4j");
        }
        for (String p : new String[] {"pubkey", "rsa", "ecdsa", "ed25519", "ed448", "bliss", "ike:"}) {
            if (a.startsWith(p)) {
                return AuthMethod.PUBKEY;
            }
        }
        throw new ConfigException(v.valueLocation(), "expected psk, pubkey, rsa, ecdsa, eap or xauth for 'auth', found '"
                + v.value() + "'");
    }
}
