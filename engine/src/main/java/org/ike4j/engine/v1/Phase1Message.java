package org.ike4j.engine.v1;

/** The Phase 1 messages by exchange and position, which extension tasks contribute to. */
enum Phase1Message {
    MAIN_1, MAIN_2, MAIN_3, MAIN_4, MAIN_5, MAIN_6, AGGR_1, AGGR_2, AGGR_3
}
