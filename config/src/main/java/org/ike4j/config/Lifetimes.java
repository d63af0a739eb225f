package org.ike4j.config;

import java.time.Duration;

/**
 * SA lifetimes and when to rekey before they end. {@code ipsecBytes}/{@code ipsecPackets} of 0
 * mean no volume limit. Rekeying starts {@code rekeyMargin} before expiry, moved earlier by a
 * random amount up to {@code rekeyFuzzPercent} of the margin (as strongSwan's ipsec.conf(5)).
 */
public record Lifetimes(Duration ike, Duration ipsec, long ipsecBytes, long ipsecPackets,
                        Duration rekeyMargin, int rekeyFuzzPercent) {

    /** strongSwan's defaults: ikelifetime 3h, lifetime 1h, margintime 9m, rekeyfuzz 100%. */
    public static final Lifetimes DEFAULTS = new Lifetimes(Duration.ofHours(3), Duration.ofHours(1), 0, 0,
            Duration.ofMinutes(9), 100);

    public Lifetimes {
        if (ike.isNegative() || ipsec.isNegative() || rekeyMargin.isNegative() || ipsecBytes < 0
                || ipsecPackets < 0 || rekeyFuzzPercent < 0) {
            throw new IllegalArgumentException("negative lifetime");
        }
    }

    public Lifetimes withIke(Duration d) {
        return new Lifetimes(d, ipsec, ipsecBytes, ipsecPackets, rekeyMargin, rekeyFuzzPercent);
    }

    public Lifetimes withIpsec(Duration d) {
        return new Lifetimes(ike, d, ipsecBytes, ipsecPackets, rekeyMargin, rekeyFuzzPercent);
    }

    public Lifetimes withIpsecBytes(long b) {
        return new Lifetimes(ike, ipsec, b, ipsecPackets, rekeyMargin, rekeyFuzzPercent);
    }

    public Lifetimes withIpsecPackets(long p) {
        return new Lifetimes(ike, ipsec, ipsecBytes, p, rekeyMargin, rekeyFuzzPercent);
    }

    public Lifetimes withRekeyMargin(Duration d) {
        return new Lifetimes(ike, ipsec, ipsecBytes, ipsecPackets, d, rekeyFuzzPercent);
    }

    public Lifetimes withRekeyFuzzPercent(int f) {
        return new Lifetimes(ike, ipsec, ipsecBytes, ipsecPackets, rekeyMargin, f);
    }
}
