package org.ike4j.config;

/**
 * How the IKE peers authenticate. Only pre-shared keys are implemented yet; public keys
 * (certificates, raw keys) are recognised so that configurations using them load and can be
 * refused precisely by the engine.
 */
public enum AuthMethod { PSK, PUBKEY }
