package org.ike4j.config;

/** What to do when the peer closes a CHILD_SA unexpectedly (strongSwan closeaction). */
public enum CloseAction { NONE, CLEAR, HOLD, RESTART }
