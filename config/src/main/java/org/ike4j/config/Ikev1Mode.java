package org.ike4j.config;

/** The IKEv1 phase 1 exchange (RFC 2409 sections 5 and 5.4): Main Mode or Aggressive Mode. */
public enum Ikev1Mode { MAIN, AGGRESSIVE }
