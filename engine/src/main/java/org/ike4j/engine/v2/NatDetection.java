package org.ike4j.engine.v2;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;

/**
 * NAT_DETECTION_SOURCE_IP and NAT_DETECTION_DESTINATION_IP (RFC 7296 section 2.23): SHA-1 of
 * SPIi | SPIr | IP address | port, the responder's SPI zero in the IKE_SA_INIT request.
 */
final class NatDetection {
    private NatDetection() {
    }

    static byte[] hash(long spiI, long spiR, InetSocketAddress a) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(Ikev2Algorithms.spiBytes(spiI));
            sha1.update(Ikev2Algorithms.spiBytes(spiR));
            sha1.update(a.getAddress().getAddress());
            sha1.update(new byte[] {(byte) (a.getPort() >>> 8), (byte) a.getPort()});
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }

    /**
     * Our two notifies. {@code fake} puts a random source hash, so the peer sees a NAT and both use
     * UDP encapsulation (forceencaps, as strongSwan does it).
     */
    static NotifyPayload[] notifies(long spiI, long spiR, InetSocketAddress local, InetSocketAddress remote,
            byte[] fakeSource) {
        byte[] src = fakeSource != null ? fakeSource : hash(spiI, spiR, local);
        return new NotifyPayload[] {
            new NotifyPayload(NotifyType.NAT_DETECTION_SOURCE_IP, Bytes.wrap(src)),
            new NotifyPayload(NotifyType.NAT_DETECTION_DESTINATION_IP, Bytes.wrap(hash(spiI, spiR, remote)))};
    }

    /**
     * Checks the peer's notifies against the addresses the message used. Returns {remote behind NAT,
     * local behind NAT}, or null when the peer sent none (it does not support NAT traversal).
     */
    static boolean[] check(java.util.List<NotifyPayload> notifies, long spiI, long spiR, InetSocketAddress local,
            InetSocketAddress remote) {
        byte[] expectSrc = hash(spiI, spiR, remote);
        byte[] expectDst = hash(spiI, spiR, local);
        boolean anySrc = false;
        boolean srcMatch = false;
        boolean anyDst = false;
        boolean dstMatch = false;
        for (NotifyPayload n : notifies) {
            if (n.notifyType().code() == NotifyType.NAT_DETECTION_SOURCE_IP.code()) {
                anySrc = true;
                srcMatch |= MessageDigest.isEqual(n.data().toByteArray(), expectSrc);
            } else if (n.notifyType().code() == NotifyType.NAT_DETECTION_DESTINATION_IP.code()) {
                anyDst = true;
                dstMatch |= MessageDigest.isEqual(n.data().toByteArray(), expectDst);
            }
        }
        if (!anySrc || !anyDst) {
            return null;
        }
        return new boolean[] {!srcMatch, !dstMatch};
    }
}
