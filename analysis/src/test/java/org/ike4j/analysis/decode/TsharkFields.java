package org.ike4j.analysis.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.ike4j.wire.Bytes;

/**
 * The values tshark 4.0 prints for a frame's {@code isakmp.*} fields, computed from the decoder's
 * model objects, so that a test compares both programs' reading of the same bytes field by field.
 */
final class TsharkFields {

    /** The fields compared, in tshark's names. */
    static final List<String> FIELDS = List.of("frame.number", "isakmp.typepayload", "isakmp.notify.msgtype",
            "isakmp.hash", "isakmp.nonce", "isakmp.auth.data", "isakmp.ts.start_ipv4", "isakmp.ts.end_ipv4",
            "isakmp.id.data.ipv4_addr");

    private TsharkFields() {
    }

    /** Our values for {@link #FIELDS} (without the frame number), each list joined by commas as tshark does. */
    static List<String> of(DecodedMessage m) {
        Acc a = new Acc();
        switch (m.content()) {
            case Content.V1 v1 -> {
                List<org.ike4j.wire.v1.Payload> payloads = v1.decrypted().map(c -> c.payloads()).orElseGet(() ->
                        v1.message() instanceof org.ike4j.wire.v1.PlainMessage p ? p.payloads() : List.of());
                payloads.forEach(p -> v1(p, a));
            }
            case Content.V2 v2 -> {
                for (org.ike4j.wire.v2.Payload p : v2.message().payloads()) {
                    v2(p, a);
                    if (p instanceof org.ike4j.wire.v2.EncryptedPayload && v2.inner().isPresent()) {
                        v2.inner().get().forEach(q -> v2(q, a));
                    }
                }
            }
            case Content.Raw r -> {
            }
        }
        return List.of(a.join(a.types), a.join(a.notifies), a.join(a.hashes), a.join(a.nonces), a.join(a.auths),
                a.join(a.tsStart), a.join(a.tsEnd), a.join(a.ids));
    }

    private static void v1(org.ike4j.wire.v1.Payload p, Acc a) {
        a.types.add(String.valueOf(p.type().code()));
        switch (p) {
            case org.ike4j.wire.v1.SecurityAssociationPayload sa -> sa.proposals().forEach(pr -> {
                a.types.add("2");
                pr.transforms().forEach(t -> a.types.add("3"));
            });
            case org.ike4j.wire.v1.NotificationPayload n -> a.notifies.add(String.valueOf(n.notifyType().code()));
            case org.ike4j.wire.v1.HashPayload h -> a.hashes.add(h.hash().hex());
            case org.ike4j.wire.v1.NoncePayload n -> a.nonces.add(n.nonce().hex());
            case org.ike4j.wire.v1.IdentificationPayload id -> {
                // ID_IPV4_ADDR, and the address half of ID_IPV4_ADDR_SUBNET, which tshark shows in the same field
                if (id.idType().code() == 1 || id.idType().code() == 4 && id.data().length() == 8) {
                    a.ids.add(address(Bytes.wrap(java.util.Arrays.copyOf(id.data().toByteArray(), 4))));
                }
            }
            default -> {
            }
        }
    }

    private static void v2(org.ike4j.wire.v2.Payload p, Acc a) {
        a.types.add(String.valueOf(p.type().code()));
        switch (p) {
            case org.ike4j.wire.v2.SecurityAssociationPayload sa -> sa.proposals().forEach(pr -> {
                a.types.add("2");
                pr.transforms().forEach(t -> a.types.add("3"));
            });
            case org.ike4j.wire.v2.NotifyPayload n -> a.notifies.add(String.valueOf(n.notifyType().code()));
            case org.ike4j.wire.v2.NoncePayload n -> a.nonces.add(n.nonce().hex());
            case org.ike4j.wire.v2.AuthenticationPayload au -> a.auths.add(au.data().hex());
            case org.ike4j.wire.v2.TrafficSelectorPayload ts -> ts.selectors().forEach(s -> {
                if (s instanceof org.ike4j.wire.v2.TrafficSelector.AddressRange r && r.startAddress().length() == 4) {
                    a.tsStart.add(address(r.startAddress()));
                    a.tsEnd.add(address(r.endAddress()));
                }
            });
            case org.ike4j.wire.v2.IdentificationPayload id -> {
                if (id.idType().code() == 1) {   // ID_IPV4_ADDR
                    a.ids.add(address(id.data()));
                }
            }
            default -> {
            }
        }
    }

    private static String address(Bytes b) {
        try {
            return InetAddress.getByAddress(b.toByteArray()).getHostAddress();
        } catch (UnknownHostException e) {
            return b.hex();
        }
    }

    private static final class Acc {
        final List<String> types = new ArrayList<>();
        final List<String> notifies = new ArrayList<>();
        final List<String> hashes = new ArrayList<>();
        final List<String> nonces = new ArrayList<>();
        final List<String> auths = new ArrayList<>();
        final List<String> tsStart = new ArrayList<>();
        final List<String> tsEnd = new ArrayList<>();
        final List<String> ids = new ArrayList<>();

        String join(List<String> l) {
            return String.join(",", l);
        }
    }
}
