/** Interop tests: ike4j against strongSwan in network namespaces. */
package org.ike4j.interop;
