package org.ike4j.config;

/** What to do when dead peer detection (RFC 3706) declares the peer dead. */
public enum DpdAction { NONE, CLEAR, HOLD, RESTART }
