/** Test support for interop tests against real peers in network namespaces. */
package org.ike4j.testkit;
