/** Analysis tools: captures, key tables, key extraction from logs, the decoder. */
package org.ike4j.analysis;
