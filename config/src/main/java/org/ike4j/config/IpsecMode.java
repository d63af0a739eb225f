package org.ike4j.config;

/** The IPsec encapsulation (RFC 4301 section 4.1), or a bypass policy. */
public enum IpsecMode { TUNNEL, TRANSPORT, PASSTHROUGH }
