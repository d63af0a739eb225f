package org.ike4j.config;

import java.time.Duration;

/**
 * SA lifetimes and when to rekey before they end. {@code ipsecBytes}/{@code ipsecPackets} of 0
 * mean no volume limit. Rekeying starts {@code rekeyMargin} before expiry, moved earlier by a
 * random amount up to {@code rekeyFuzzPercent} of the margin (as strongSwan's ipsec.conf(5)).
 *
 * <p>ipsec.conf has one margin for IKE and IPsec SAs; swanctl.conf sets them apart (over_time and
 * rand_time of the connection, life_time - rekey_time and rand_time of a child). {@code rekeyMargin}
 * and {@code rekeyFuzzPercent} are the IPsec SA's; {@code ikeRekeyMargin} and
 * {@code ikeRekeyFuzzPercent} the IKE SA's, equal to the former unless a front end sets them apart.
 */
public record Lifetimes(Duration ike, Duration ipsec, long ipsecBytes, long ipsecPackets,
                        Duration rekeyMargin, int rekeyFuzzPercent,
                        Duration ikeRekeyMargin, int ikeRekeyFuzzPercent) {

    /** strongSwan's defaults: ikelifetime 3h, lifetime 1h, margintime 9m, rekeyfuzz 100%. */
    public static final Lifetimes DEFAULTS = new Lifetimes(Duration.ofHours(3), Duration.ofHours(1), 0, 0,
            Duration.ofMinutes(9), 100);

    public Lifetimes {
        if (ike.isNegative() || ipsec.isNegative() || rekeyMargin.isNegative() || ipsecBytes < 0
                || ipsecPackets < 0 || rekeyFuzzPercent < 0 || ikeRekeyMargin.isNegative()
                || ikeRekeyFuzzPercent < 0) {
            throw new IllegalArgumentException("negative lifetime");
        }
    }

    /** One margin and fuzz for both IKE and IPsec SAs, as ipsec.conf(5) has them. */
    public Lifetimes(Duration ike, Duration ipsec, long ipsecBytes, long ipsecPackets, Duration rekeyMargin,
                     int rekeyFuzzPercent) {
        this(ike, ipsec, ipsecBytes, ipsecPackets, rekeyMargin, rekeyFuzzPercent, rekeyMargin, rekeyFuzzPercent);
    }

    public Lifetimes withIke(Duration d) {
        return new Lifetimes(d, ipsec, ipsecBytes, ipsecPackets, rekeyMargin, rekeyFuzzPercent, ikeRekeyMargin,
                ikeRekeyFuzzPercent);
    }

    public Lifetimes withIpsec(Duration d) {
        return new Lifetimes(ike, d, ipsecBytes, ipsecPackets, rekeyMargin, rekeyFuzzPercent, ikeRekeyMargin,
                ikeRekeyFuzzPercent);
    }

    public Lifetimes withIpsecBytes(long b) {
        return new Lifetimes(ike, ipsec, b, ipsecPackets, rekeyMargin, rekeyFuzzPercent, ikeRekeyMargin,
                ikeRekeyFuzzPercent);
    }

    public Lifetimes withIpsecPackets(long p) {
        return new Lifetimes(ike, ipsec, ipsecBytes, p, rekeyMargin, rekeyFuzzPercent, ikeRekeyMargin,
                ikeRekeyFuzzPercent);
    }

    /** The margin of both IKE and IPsec SAs (ipsec.conf's margintime). */
    public Lifetimes withRekeyMargin(Duration d) {
        return new Lifetimes(ike, ipsec, ipsecBytes, ipsecPackets, d, rekeyFuzzPercent, d, ikeRekeyFuzzPercent);
    }

    /** The fuzz of both IKE and IPsec SAs (ipsec.conf's rekeyfuzz). */
    public Lifetimes withRekeyFuzzPercent(int f) {
        return new Lifetimes(ike, ipsec, ipsecBytes, ipsecPackets, rekeyMargin, f, ikeRekeyMargin, f);
    }

    /** The IKE SA's margin alone. */
    public Lifetimes withIkeRekeyMargin(Duration d) {
        return new Lifetimes(ike, ipsec, ipsecBytes, ipsecPackets, rekeyMargin, rekeyFuzzPercent, d,
                ikeRekeyFuzzPercent);
    }

    /** The IKE SA's fuzz alone. */
    public Lifetimes withIkeRekeyFuzzPercent(int f) {
        return new Lifetimes(ike, ipsec, ipsecBytes, ipsecPackets, rekeyMargin, rekeyFuzzPercent, ikeRekeyMargin, f);
    }
}
