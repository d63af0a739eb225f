package org.ike4j.testkit;

import java.util.List;
import java.util.Map;

/**
 * One IKE SA as charon lists it ({@code swanctl --list-sas}).
 *
 * @param name the connection name
 * @param uniqueId charon's number for it
 * @param version 1 or 2
 * @param state e.g. {@code CONNECTING}, {@code ESTABLISHED}, {@code REKEYING}, {@code DELETING}
 * @param initiator whether this side initiated it
 * @param localHost our address
 * @param localPort our port (4500 once floated)
 * @param remoteHost the peer's address
 * @param remotePort the peer's port
 * @param localId our identity
 * @param remoteId the peer's identity
 * @param initiatorSpi the initiator's SPI, 16 hex digits
 * @param responderSpi the responder's SPI, 16 hex digits
 * @param encrAlg e.g. {@code AES_CBC}
 * @param encrKeysize key size in bits, or 0 when the algorithm has one size
 * @param integAlg e.g. {@code HMAC_SHA2_256_128}
 * @param prfAlg e.g. {@code PRF_HMAC_SHA2_256}
 * @param dhGroup e.g. {@code CURVE_25519}
 * @param children its CHILD_SAs (for IKEv1, the Quick Mode SAs)
 * @param attributes every scalar value charon reported, by its vici key
 */
public record IkeSa(String name, int uniqueId, int version, String state, boolean initiator,
        String localHost, int localPort, String remoteHost, int remotePort, String localId, String remoteId,
        String initiatorSpi, String responderSpi, String encrAlg, int encrKeysize, String integAlg, String prfAlg,
        String dhGroup, List<ChildSa> children, Map<String, String> attributes) {

    public IkeSa {
        children = List.copyOf(children);
        attributes = Map.copyOf(attributes);
    }

    /** The first child with this configuration name, or null. */
    public ChildSa child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst().orElse(null);
    }

    static IkeSa from(String name, Map<String, Object> sa) {
        Map<String, String> scalars = ChildSa.scalars(sa);
        List<ChildSa> children = new java.util.ArrayList<>();
        if (sa.get("child-sas") instanceof Map<?, ?> childSas) {
            for (Object child : childSas.values()) {
                if (child instanceof Map<?, ?> childMap) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) childMap;
                    children.add(ChildSa.from(typed));
                }
            }
        }
        return new IkeSa(name, ChildSa.number(scalars, "uniqueid"), ChildSa.number(scalars, "version"),
                scalars.getOrDefault("state", ""), "yes".equals(scalars.get("initiator")),
                scalars.getOrDefault("local-host", ""), ChildSa.number(scalars, "local-port"),
                scalars.getOrDefault("remote-host", ""), ChildSa.number(scalars, "remote-port"),
                scalars.getOrDefault("local-id", ""), scalars.getOrDefault("remote-id", ""),
                scalars.getOrDefault("initiator-spi", ""), scalars.getOrDefault("responder-spi", ""),
                scalars.getOrDefault("encr-alg", ""), ChildSa.number(scalars, "encr-keysize"),
                scalars.getOrDefault("integ-alg", ""), scalars.getOrDefault("prf-alg", ""),
                scalars.getOrDefault("dh-group", ""), children, scalars);
    }
}
