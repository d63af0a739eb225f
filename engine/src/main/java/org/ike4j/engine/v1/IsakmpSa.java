package org.ike4j.engine.v1;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.config.Connection;
import org.ike4j.config.Identity;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.Ikev1HashAlgorithm;
import org.ike4j.crypto.kdf.Ikev1Keys;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.ExchangeType;

/**
 * One ISAKMP SA (one Phase 1), RFC 2408 section 2.5.3's cookies naming it: role, addresses, the
 * connection, what was negotiated, the keys, the IV chains (in {@link Ikev1Protection}), the
 * peer's vendor IDs, and the {@link TaskManager} of the tasks that run on it.
 */
final class IsakmpSa {
    final int serial;
    final boolean initiator;
    final Bytes initiatorCookie;
    Bytes responderCookie;
    /** Our address and port; moves to port 4500 when NAT-T floats (RFC 3947 section 4). */
    InetSocketAddress local;
    /** The peer's address and port as we see them; follows an authenticated float. */
    InetSocketAddress remote;
    /** Sending on the NAT-T port, behind the non-ESP marker. */
    boolean natT;
    /** NAT detection's verdict (RFC 3947 3.2): we are behind a NAT, the peer is. */
    boolean natLocal;
    boolean natRemote;
    final ExchangeType exchange;
    Connection connection;
    String state;
    boolean established;
    boolean deleted;

    // negotiated
    CipherAlgorithm cipher;
    Ikev1HashAlgorithm hash;
    DhGroup group;
    long lifetimeSeconds;
    Prf prf;

    // Phase 1 material
    KeyExchange dh;
    byte[] gxi;
    byte[] gxr;
    byte[] ni;
    byte[] nr;
    Secret psk;
    Secret skeyid;
    Ikev1Keys keys;
    Ikev1Protection protection;
    /** SAi_b: the body of the initiator's SA payload, for HASH_I/HASH_R. */
    byte[] saiB;
    Identity remoteIdentity;
    String localIdText = "";
    String remoteIdText = "";

    final List<String> peerVendorIds = new ArrayList<>();
    /** Its tasks (Phase 1 mode, extensions, Quick Modes, DPD) and which gets what. */
    TaskManager tasks;
    final Map<Integer, Transmission> transmissions = new HashMap<>();
    final List<ChildState> children = new ArrayList<>();
    /** Connections whose Quick Mode waits for this Phase 1 to complete. */
    final List<Connection> pendingQuickModes = new ArrayList<>();
    /** The ISAKMP SA this one rekeys: its IPsec SAs move here and it is deleted once this one is up. */
    IsakmpSa replaces;
    boolean rekeying;
    /** Keying tries left after this one (a new Phase 1 after giving up), as keyingtries counts. */
    int keyingTriesLeft;

    long createdAt;
    long establishedAt;
    /** When this side will renew it (engine clock), 0 when it will not. */
    long renewAt;
    long bytesIn;
    long bytesOut;
    long packetsIn;
    long packetsOut;

    IsakmpSa(int serial, boolean initiator, Bytes initiatorCookie, Bytes responderCookie, InetSocketAddress local,
            InetSocketAddress remote, ExchangeType exchange) {
        this.serial = serial;
        this.initiator = initiator;
        this.initiatorCookie = initiatorCookie;
        this.responderCookie = responderCookie;
        this.local = local;
        this.remote = remote;
        this.exchange = exchange;
    }

    /** The cookies as logs print them: {@code a305bbc510fd3640/d16dd2ce1e0390ec}. */
    String name() {
        return initiatorCookie.hex() + "/" + responderCookie.hex();
    }

    String connectionName() {
        return connection == null ? "" : connection.name();
    }

    Transmission transmission(int messageId) {
        return transmissions.computeIfAbsent(messageId, Transmission::new);
    }

    /** Wipes the keys and the Diffie-Hellman private value. */
    void destroySecrets() {
        if (dh != null) {
            dh.close();
        }
        if (keys != null) {
            keys.destroy();
        }
        if (skeyid != null) {
            skeyid.destroy();
        }
        if (protection != null) {
            protection.destroy();
        }
    }
}
