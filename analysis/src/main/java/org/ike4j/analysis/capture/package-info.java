/**
 * Capture files in and out: {@link org.ike4j.analysis.capture.CaptureReader} streams pcap and
 * pcapng (gzip too) as IKE datagrams, ESP packets and reasons for what could not be read;
 * {@link org.ike4j.analysis.capture.PcapWriter} writes IKE and ESP with made-up IP and UDP headers.
 */
package org.ike4j.analysis.capture;
