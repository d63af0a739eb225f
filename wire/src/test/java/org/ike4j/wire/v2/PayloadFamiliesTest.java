package org.ike4j.wire.v2;

import static org.ike4j.wire.v2.V2Fixtures.B0;
import static org.ike4j.wire.v2.V2Fixtures.P0;
import static org.ike4j.wire.v2.V2Fixtures.bytes;
import static org.ike4j.wire.v2.V2Fixtures.datagram;
import static org.ike4j.wire.v2.V2Fixtures.fixLength;
import static org.ike4j.wire.v2.V2Fixtures.roundTrip;
import static org.ike4j.wire.v2.V2Fixtures.syntax;
import static org.ike4j.wire.v2.V2Fixtures.u16;
import static org.ike4j.wire.v2.V2Fixtures.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.junit.jupiter.api.Test;

/** Every payload family other than SA: layout, round trip, and each malformed class. */
class PayloadFamiliesTest {

    /** Shortens the only payload's body by {@code n} octets, keeping lengths consistent. */
    private static byte[] shorten(byte[] b, int n) {
        byte[] s = Arrays.copyOf(b, b.length - n);
        int len = ((b[P0 + 2] & 0xff) << 8 | (b[P0 + 3] & 0xff)) - n;
        return fixLength(u16(s, P0 + 2, len));
    }

    private static Payload only(byte[] b) throws DecodeException {
        return roundTrip(b).payloads().get(0);
    }

    // KE, ID, AUTH, CERT, CERTREQ: fixed fields then data

    @Test
    void keyExchange() throws DecodeException {
        KeyExchangePayload ke = new KeyExchangePayload(PayloadFlags.NONE, KeyExchangeMethod.MODP_2048, 0x1234, bytes(256, 9));
        byte[] b = datagram(ke);
        assertEquals(14, b[B0 + 1]);
        assertEquals(ke, only(b));
        syntax(shorten(datagram(new KeyExchangePayload(KeyExchangeMethod.CURVE25519, Bytes.EMPTY)), 1),
                B0 + 2, "Key Exchange Payload.RESERVED");
        syntax(shorten(datagram(new KeyExchangePayload(KeyExchangeMethod.CURVE25519, Bytes.EMPTY)), 4),
                B0, "Key Exchange Payload.Key Exchange Method Num");
    }

    @Test
    void identification() throws DecodeException {
        IdentificationPayload id = new IdentificationPayload(PayloadFlags.NONE, PayloadType.IDR, IdType.ID_IPV4_ADDR,
                0xabcdef, Bytes.fromHex("c0a8010e"));
        assertEquals(id, only(datagram(id)));
        assertEquals(36, datagram(id)[16]);
        syntax(shorten(datagram(new IdentificationPayload(PayloadType.IDI, IdType.ID_FQDN, Bytes.EMPTY)), 1),
                B0 + 1, "Identification Payload.RESERVED");
    }

    @Test
    void authentication() throws DecodeException {
        AuthenticationPayload a = new AuthenticationPayload(AuthMethod.DIGITAL_SIGNATURE, bytes(64, 2));
        assertEquals(a, only(datagram(a)));
        syntax(shorten(datagram(new AuthenticationPayload(AuthMethod.SHARED_KEY_MIC, Bytes.EMPTY)), 2),
                B0 + 1, "Authentication Payload.RESERVED");
    }

    @Test
    void certificateAndRequest() throws DecodeException {
        CertificatePayload c = new CertificatePayload(PayloadFlags.NONE, CertEncoding.X509_CERTIFICATE_SIGNATURE, bytes(30, 4));
        CertificateRequestPayload r = new CertificateRequestPayload(PayloadFlags.NONE,
                CertEncoding.X509_CERTIFICATE_SIGNATURE, bytes(40, 5));
        assertEquals(List.of(c, r), roundTrip(datagram(c, r)).payloads());
        syntax(shorten(datagram(new CertificatePayload(PayloadFlags.NONE, CertEncoding.of(4), Bytes.EMPTY)), 1),
                B0, "Certificate Payload.Cert Encoding");
        syntax(shorten(datagram(new CertificateRequestPayload(PayloadFlags.NONE, CertEncoding.of(4), Bytes.EMPTY)), 1),
                B0, "Certificate Request Payload.Cert Encoding");
    }

    @Test
    void nonceLengthBounds() throws DecodeException {
        only(datagram(new NoncePayload(bytes(16, 1))));
        only(datagram(new NoncePayload(bytes(256, 1))));
        syntax(datagram(new NoncePayload(bytes(15, 1))), B0, "Nonce Payload.Nonce Data");
        syntax(datagram(new NoncePayload(bytes(257, 1))), B0, "Nonce Payload.Nonce Data");
    }

    @Test
    void vendorIdAndGspm() throws DecodeException {
        VendorIdPayload v = new VendorIdPayload(Bytes.fromHex("4048b7d56ebce88525e7de7f00d6c2d3"));
        GenericSecurePasswordPayload g = new GenericSecurePasswordPayload(PayloadFlags.NONE, Bytes.EMPTY);
        assertEquals(List.of(v, g), roundTrip(datagram(v, g)).payloads());
    }

    // Notify

    @Test
    void notifyWithSpiAndTypedViews() throws DecodeException {
        NotifyPayload rekey = new NotifyPayload(PayloadFlags.NONE, ProtocolId.ESP, Bytes.fromHex("c0ffee01"),
                NotifyType.REKEY_SA, Bytes.EMPTY);
        NotifyPayload nat = new NotifyPayload(NotifyType.NAT_DETECTION_SOURCE_IP, bytes(20, 0xaa));
        NotifyPayload cookie = new NotifyPayload(NotifyType.COOKIE, bytes(64, 0xbb));
        NotifyPayload sigHash = new NotifyPayload(NotifyType.SIGNATURE_HASH_ALGORITHMS, Bytes.fromHex("000200030004"));
        byte[] b = datagram(rekey, nat, cookie, sigHash);
        assertEquals(List.of(rekey, nat, cookie, sigHash), roundTrip(b).payloads());
        assertEquals(0xc0ffee01L, rekey.rekeySpi().orElseThrow());
        assertEquals(bytes(20, 0xaa), nat.natDetectionHash().orElseThrow());
        assertEquals(bytes(64, 0xbb), cookie.cookie().orElseThrow());
        assertEquals(List.of(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384, HashAlgorithm.SHA2_512),
                sigHash.signatureHashAlgorithms().orElseThrow());
        assertTrue(nat.cookie().isEmpty());
        assertEquals(16393, NotifyType.REKEY_SA.code());
        String t = roundTrip(b).toTree().render();
        assertTrue(t.contains("notify message type: REKEY_SA (16393)"), t);
        assertTrue(t.contains("hash algorithms: [SHA2_256 (2), SHA2_384 (3), SHA2_512 (4)]"), t);
    }

    @Test
    void notifySpiSizeBeyondThePayload() {
        byte[] b = datagram(new NotifyPayload(NotifyType.INITIAL_CONTACT, Bytes.EMPTY));
        syntax(u8(b, B0 + 1, 1), B0 + 1, "Notify Payload.SPI Size");
        syntax(shorten(b, 1), B0 + 2, "Notify Payload.Notify Message Type");
    }

    @Test
    void notifyDataOfTypedNotifiesIsChecked() {
        syntax(datagram(new NotifyPayload(NotifyType.NAT_DETECTION_DESTINATION_IP, bytes(19, 1))),
                B0 + 4, "Notify Payload.Notification Data");
        syntax(datagram(new NotifyPayload(NotifyType.COOKIE, Bytes.EMPTY)), B0 + 4, "Notify Payload.Notification Data");
        syntax(datagram(new NotifyPayload(NotifyType.COOKIE, bytes(65, 1))), B0 + 4, "Notify Payload.Notification Data");
        syntax(datagram(new NotifyPayload(NotifyType.SIGNATURE_HASH_ALGORITHMS, bytes(3, 0))),
                B0 + 4, "Notify Payload.Notification Data");
    }

    // Delete

    @Test
    void deleteSpisMustFillThePayload() throws DecodeException {
        DeletePayload esp = new DeletePayload(ProtocolId.ESP, 4, List.of(bytes(4, 1), bytes(4, 2)));
        DeletePayload ike = new DeletePayload(ProtocolId.IKE, 0, List.of());
        assertEquals(List.of(esp, ike), roundTrip(datagram(esp, ike)).payloads());
        syntax(u16(datagram(esp), B0 + 2, 3), B0 + 2, "Delete Payload.Num of SPIs");
        syntax(u16(datagram(esp), B0 + 2, 1), B0 + 2, "Delete Payload.Num of SPIs");
        syntax(u16(datagram(esp), B0 + 2, 0xffff), B0 + 2, "Delete Payload.Num of SPIs");
        syntax(u16(datagram(ike), B0 + 2, 1), B0 + 1, "Delete Payload.SPI Size");
    }

    // Traffic selectors: Number of TSs(32) RESERVED(33) then TS Type(36) IP Protocol(37) Selector Length(38)

    private static final TrafficSelector V4 = new TrafficSelector.AddressRange(TsType.TS_IPV4_ADDR_RANGE, 17, 500, 500,
            Bytes.fromHex("c0a80100"), Bytes.fromHex("c0a801ff"));
    private static final TrafficSelector V6 = new TrafficSelector.AddressRange(TsType.TS_IPV6_ADDR_RANGE, 0, 0, 65535,
            bytes(16, 0), bytes(16, 0xff));

    @Test
    void trafficSelectors() throws DecodeException {
        TrafficSelector label = new TrafficSelector.Other(TsType.TS_SECLABEL, 0, Bytes.wrap("system_u".getBytes()));
        TrafficSelectorPayload tsi = new TrafficSelectorPayload(PayloadType.TSI, List.of(V4, V6, label));
        TrafficSelectorPayload tsr = new TrafficSelectorPayload(PayloadFlags.NONE, PayloadType.TSR, 7, List.of(V4));
        byte[] b = datagram(tsi, tsr);
        assertEquals(16, b[B0 + 7]);
        assertEquals(40, b[B0 + 4 + 16 + 3]);
        assertEquals(List.of(tsi, tsr), roundTrip(b).payloads());
        String t = roundTrip(b).toTree().render();
        assertTrue(t.contains("starting address: 192.168.1.0"), t);
        assertTrue(t.contains("TS type: TS_IPV6_ADDR_RANGE (8)"), t);
    }

    @Test
    void trafficSelectorCountAndLengths() {
        byte[] one = datagram(new TrafficSelectorPayload(PayloadType.TSI, List.of(V4)));
        syntax(u8(one.clone(), B0, 2), B0, "Traffic Selector Payload.Number of TSs");
        syntax(u8(one.clone(), B0, 0), B0, "Traffic Selector Payload.Number of TSs");
        syntax(u16(one.clone(), B0 + 6, 17), B0 + 6, "Traffic Selector.Selector Length");
        syntax(u16(one.clone(), B0 + 6, 15), B0 + 6, "Traffic Selector.Selector Length");
        syntax(u8(one.clone(), B0 + 4, 8), B0 + 6, "Traffic Selector.Selector Length");
        byte[] other = datagram(new TrafficSelectorPayload(PayloadType.TSI,
                List.of(new TrafficSelector.Other(TsType.of(200), 1, bytes(4, 1)))));
        syntax(u16(other.clone(), B0 + 6, 100), B0 + 6, "Traffic Selector.Selector Length");
        syntax(u16(other.clone(), B0 + 6, 3), B0 + 6, "Traffic Selector.Selector Length");
    }

    // SKF (RFC 7383 section 2.5): Fragment Number(32) Total Fragments(34)

    @Test
    void encryptedFragments() throws DecodeException {
        EncryptedFragmentPayload f1 = new EncryptedFragmentPayload(PayloadFlags.NONE, 1, 3, PayloadType.IDI, bytes(40, 1));
        EncryptedFragmentPayload f3 = new EncryptedFragmentPayload(PayloadFlags.NONE, 3, 3, PayloadType.NO_NEXT_PAYLOAD,
                bytes(40, 1));
        assertEquals(35, datagram(f1)[P0]);
        assertEquals(f1, only(datagram(f1)));
        assertEquals(f3, only(datagram(f3)));
        syntax(u16(datagram(f1), B0, 0), B0, "Encrypted Fragment Payload.Fragment Number");
        syntax(u16(datagram(f1), B0, 4), B0, "Encrypted Fragment Payload.Fragment Number");
        syntax(u16(datagram(f1), B0 + 2, 0), B0, "Encrypted Fragment Payload.Fragment Number");
        syntax(u8(datagram(f3), P0, 35), P0, "Encrypted Fragment Payload.Next Payload");
        byte[] tiny = datagram(new EncryptedFragmentPayload(PayloadFlags.NONE, 1, 1, PayloadType.IDI, Bytes.EMPTY));
        syntax(shorten(tiny, 2), B0 + 2, "Encrypted Fragment Payload.Total Fragments");
    }

    // CP: CFG Type(32) RESERVED(33) then Attribute Type(36) Length(38) Value(40)

    @Test
    void configuration() throws DecodeException {
        ConfigurationPayload cp = new ConfigurationPayload(PayloadFlags.NONE, CfgType.CFG_REPLY, 0, List.of(
                new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS, Bytes.fromHex("0a000001")),
                new ConfigAttribute(true, ConfigAttributeType.INTERNAL_IP4_DNS, Bytes.EMPTY)));
        assertEquals(cp, only(datagram(cp)));
        byte[] req = datagram(new ConfigurationPayload(CfgType.CFG_REQUEST,
                List.of(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS, Bytes.EMPTY))));
        syntax(u16(req.clone(), B0 + 6, 4), B0 + 6, "Configuration Attribute.Length");
        syntax(shorten(req, 2), B0 + 6, "Configuration Attribute.Length");
    }

    // EAP: Code(32) Identifier(33) Length(34) Type(36)

    @Test
    void eap() throws DecodeException {
        EapPayload identity = new EapPayload(PayloadFlags.NONE, EapCode.RESPONSE, 7, Bytes.fromHex("01616c696365"));
        EapPayload success = new EapPayload(PayloadFlags.NONE, EapCode.SUCCESS, 8, Bytes.EMPTY);
        assertEquals(List.of(identity, success), roundTrip(datagram(identity, success)).payloads());
        assertEquals(OptionalInt.of(1), identity.eapType());
        syntax(u16(datagram(identity), B0 + 2, 9), B0 + 2, "EAP Payload.Length");
        syntax(datagram(new EapPayload(PayloadFlags.NONE, EapCode.REQUEST, 1, Bytes.EMPTY)), B0 + 2, "EAP Payload.Length");
        syntax(datagram(new EapPayload(PayloadFlags.NONE, EapCode.FAILURE, 1, Bytes.fromHex("01"))), B0 + 2,
                "EAP Payload.Length");
        syntax(shorten(datagram(success), 2), B0 + 2, "EAP Payload.Length");
    }

    @Test
    void titlesAndRegistryNames() throws DecodeException {
        String t = roundTrip(datagram(new KeyExchangePayload(KeyExchangeMethod.ML_KEM_768, bytes(4, 0)),
                new EncryptedPayload(PayloadType.AUTH, bytes(8, 0)))).toTree().render();
        assertTrue(t.contains("IKEv2 Key Exchange Payload"), t);
        assertTrue(t.contains("key exchange method: ML_KEM_768 (36)"), t);
        assertTrue(t.contains("IKEv2 Encrypted and Authenticated Payload\n    next payload: AUTH (39)"), t);
    }
}
