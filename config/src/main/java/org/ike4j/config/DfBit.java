package org.ike4j.config;

/** The DF bit of the outer header in tunnel mode (RFC 4301 section 8.1): clear, set, or copy. */
public enum DfBit { CLEAR, SET, COPY }
