package org.ike4j.config.swanctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Identity;
import org.ike4j.config.SharedKey;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.swanctl.SettingsSection.Value;

/**
 * The {@code secrets} section of swanctl.conf(5): {@code ike<suffix>} sections, each a PSK
 * ({@code secret}) and the identities it is for ({@code id<suffix>}, any number, none meaning any
 * peer). The other kinds (eap, xauth, ntlm, ppk, private keys, tokens) are noted and skipped. A
 * bad entry is refused and the others load.
 */
final class SecretsMapper {
    private static final List<String> OTHER_KINDS = List.of("eap", "xauth", "ntlm", "ppk", "private", "rsa", "ecdsa",
            "pkcs8", "pkcs12", "token");

    private SecretsMapper() {
    }

    static List<SharedKey> map(SettingsSection secrets, Diagnostics d, Map<String, SourceLocation> locations) {
        List<SharedKey> out = new ArrayList<>();
        for (Value v : secrets.values.values()) {
            d.error(v.keyLocation(), "expected a section such as ike-1 { ... } in 'secrets', found key '" + v.key() + "'");
        }
        for (SettingsSection s : secrets.sections.values()) {
            if (s.name.startsWith("ike")) {
                try {
                    out.add(ike(s, d));
                    locations.put("secret " + (out.size() - 1), s.location);
                } catch (ConfigException e) {
                    e.problems().forEach(d::add);
                    d.error(s.location, "secret " + s.name + " refused");
                }
                continue;
            }
            String kind = OTHER_KINDS.stream().filter(s.name::startsWith).findFirst().orElse(null);
            if (kind != null) {
                d.note(s.location, kind + " secrets are not supported yet; '" + s.name + "' is skipped");
            } else {
                d.error(s.location, "unknown secret type '" + s.name + "' (expected a section named ike..., eap...,"
                        + " xauth..., ntlm..., ppk..., private..., rsa..., ecdsa..., pkcs8..., pkcs12... or token...)");
            }
        }
        return out;
    }

    private static SharedKey ike(SettingsSection s, Diagnostics d) throws ConfigException {
        if (!s.syntaxErrors.isEmpty() || !s.allSyntaxErrors().isEmpty()) {
            throw new ConfigException(s.allSyntaxErrors());
        }
        List<Identity> ids = new ArrayList<>();
        Value secret = null;
        for (Value v : s.values.values()) {
            if (v.key().startsWith("id")) {
                if (!v.value().isEmpty()) {
                    ids.add(SwanctlValues.identity(v));
                }
            } else if (v.key().equals("secret")) {
                secret = v;
            } else {
                throw new ConfigException(v.keyLocation(), "unknown key '" + v.key() + "' in " + s.name
                        + " (expected secret and id...)");
            }
        }
        for (SettingsSection sub : s.sections.values()) {
            throw new ConfigException(sub.location, "unexpected section '" + sub.name + "' in " + s.name);
        }
        if (secret == null || secret.value().isEmpty()) {
            throw new ConfigException(s.location, "secret " + s.name + " has no 'secret = ...'");
        }
        return new SharedKey(ids, SwanctlValues.secret(secret), null);
    }
}
