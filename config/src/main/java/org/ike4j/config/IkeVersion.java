package org.ike4j.config;

/** Which IKE a connection speaks. {@link #ANY}: initiate IKEv2, accept either as responder. */
public enum IkeVersion { IKEV1, IKEV2, ANY }
