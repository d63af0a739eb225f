package org.ike4j.analysis.decode;

/** An {@link EspNote} as a JSON object, for {@link JsonReport}'s {@code otherFrames}. */
final class EspJson {
    private EspJson() {
    }

    static String of(EspNote n) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"spi\":").append(JsonReport.str(String.format("0x%08x", n.spi())))
                .append(",\"seq\":").append(n.seq())
                .append(",\"udpEncap\":").append(n.udpEncap())
                .append(",\"bytes\":").append(n.bytes())
                .append(",\"status\":").append(JsonReport.str(n.status().name()))
                .append(",\"suite\":").append(JsonReport.str(n.suite()))
                .append(",\"detail\":").append(JsonReport.str(n.detail()));
        if (n.duplicateOf() > 0) {
            sb.append(",\"duplicateOf\":").append(n.duplicateOf());
        }
        if (n.status() == EspNote.Status.DECRYPTED) {
            sb.append(",\"padLength\":").append(n.padLength()).append(",\"nextHeader\":").append(n.nextHeader());
        }
        n.inner().ifPresent(i -> {
            sb.append(",\"inner\":{\"version\":").append(i.version())
                    .append(",\"source\":").append(JsonReport.str(i.source()))
                    .append(",\"destination\":").append(JsonReport.str(i.destination()))
                    .append(",\"protocol\":").append(i.protocol())
                    .append(",\"length\":").append(i.length());
            if (i.icmpType() >= 0) {
                sb.append(",\"icmpType\":").append(i.icmpType()).append(",\"icmpCode\":").append(i.icmpCode());
            }
            if (i.icmpSeq() >= 0) {
                sb.append(",\"icmpId\":").append(i.icmpId()).append(",\"icmpSeq\":").append(i.icmpSeq());
            }
            if (i.sourcePort() >= 0) {
                sb.append(",\"sourcePort\":").append(i.sourcePort()).append(",\"destinationPort\":")
                        .append(i.destinationPort());
            }
            sb.append(",\"summary\":").append(JsonReport.str(i.summary())).append('}');
        });
        return sb.append('}').toString();
    }
}
