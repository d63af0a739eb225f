package org.ike4j.engine.v2;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.ike4j.config.Connection;
import org.ike4j.config.Identity;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.kdf.Ikev2SaKeys;
import org.ike4j.engine.v2.protection.FragmentReassembler;
import org.ike4j.engine.v2.protection.Ikev2Protection;
import org.ike4j.wire.Bytes;

/**
 * One IKE SA (RFC 7296): its SPIs, role, keys, message IDs, the request in flight and the last
 * response, and its Child SAs. Mutable, owned by the engine's single thread.
 */
final class IkeSa {

    /** States named by what the SA waits for. */
    enum State {
        /** Initiator: IKE_SA_INIT request sent. */
        INIT_SENT,
        /** Responder: IKE_SA_INIT answered, waiting for IKE_AUTH. */
        INIT_ANSWERED,
        /** Initiator: IKE_AUTH request sent. */
        AUTH_SENT,
        ESTABLISHED,
        /** Replaced by a rekeyed IKE SA; kept until deleted. */
        REKEYED,
        /** Delete sent, waiting for the answer. */
        DELETING
    }

    final int serial;
    /** The original initiator of this IKE SA (sets the I flag). */
    final boolean initiator;
    Connection connection;
    long spiI;
    long spiR;
    InetSocketAddress local;
    InetSocketAddress remote;
    /** Messages go on port 4500 behind the non-ESP marker (after NAT detection, RFC 7296 2.23). */
    boolean natT;
    boolean natLocal;
    boolean natRemote;
    State state;
    boolean established;
    long createdAt;
    long establishedAt;
    long rekeyAt;
    long expiresAt;
    long lastHeardAt;
    int keyingTriesLeft;

    // IKE_SA_INIT
    Ikev2Algorithms.IkeSuite suite;
    KeyExchange keyExchange;
    byte[] ni;
    byte[] nr;
    Bytes cookie;
    /** The IKE_SA_INIT messages as sent, for the AUTH payloads (RFC 7296 2.15). */
    byte[] initRequest;
    byte[] initResponse;
    boolean peerFragmentation;

    // keys
    /**
     * g^ir and the keys are being computed off the loop ({@code Action.Compute}); a responder's
     * datagrams that arrive before them wait in {@link #heldForKeys}.
     */
    boolean keysPending;
    /** Initiator: move to port 4500 once the keys are there (NAT detected or forced, 2.23). */
    boolean floatAfterInit;
    final List<org.ike4j.engine.Input.Datagram> heldForKeys = new ArrayList<>();
    Prf prf;
    Ikev2SaKeys keys;
    Ikev2Protection protection;
    final FragmentReassembler reassembler = FragmentReassembler.withDefaults();

    Identity localIdentity;
    Identity remoteIdentity;
    String localIdText = "";
    String remoteIdText = "";

    // message IDs (RFC 7296 2.2), window size 1
    long nextRequestId;
    long expectedRequestId;
    Outstanding outstanding;
    /** Requests waiting for the one in flight to be answered (window size 1, RFC 7296 2.3). */
    final Deque<Queued> queued = new ArrayDeque<>();
    /** The last response we sent, to answer a retransmitted request with (2.1). */
    long lastResponseId = -1;
    List<Bytes> lastResponse = List.of();

    final List<ChildState> children = new ArrayList<>();
    /** Connections to bring up on this SA once established (the first in IKE_AUTH). */
    final List<Connection> pendingChildren = new ArrayList<>();
    /** The IKE SA that replaced this one (IKE SA rekey, 2.8). */
    IkeSa successor;
    /** The IKE SA this one reauthenticates: deleted once this one is up (make-before-break). */
    IkeSa replaces;
    /** Our CREATE_CHILD_SA rekeying this IKE SA is in flight. */
    boolean rekeying;
    /** The new IKE SA the peer's rekey of this one made, and the lower nonce of that exchange (2.8.2). */
    IkeSa peerRekeyed;
    byte[] peerRekeyMinNonce;

    long bytesIn;
    long bytesOut;
    long packetsIn;
    long packetsOut;

    IkeSa(int serial, boolean initiator, long spiI, long spiR, InetSocketAddress local, InetSocketAddress remote) {
        this.serial = serial;
        this.initiator = initiator;
        this.spiI = spiI;
        this.spiR = spiR;
        this.local = local;
        this.remote = remote;
    }

    String connectionName() {
        return connection == null ? "" : connection.name();
    }

    private String name;
    private long nameSpiR;

    /**
     * As logs name it: {@code #3 a305bbc510fd3640_i 3e8ef93e00000000_r}. Every event carries it,
     * so it is built once, and again only when the responder's SPI becomes known.
     */
    String name() {
        if (name == null || nameSpiR != spiR) {
            name = "#" + serial + " " + String.format("%016x_i %016x_r", spiI, spiR);
            nameSpiR = spiR;
        }
        return name;
    }

    /** Our SPI of this SA. */
    long localSpi() {
        return initiator ? spiI : spiR;
    }

    /** A request not sent yet, with the payloads it will carry. */
    record Queued(Request request, org.ike4j.wire.v2.ExchangeType exchange, List<org.ike4j.wire.v2.Payload> payloads) {
    }

    /** A request in flight and its datagrams (more than one when fragmented). */
    static final class Outstanding {
        final long messageId;
        final Request request;

        Request request() {
            return request;
        }

        List<Bytes> datagrams;
        int retransmits;
        long timeoutMillis;
        long firstSentAt;

        Outstanding(long messageId, Request request, List<Bytes> datagrams) {
            this.messageId = messageId;
            this.request = request;
            this.datagrams = datagrams;
        }
    }
}
