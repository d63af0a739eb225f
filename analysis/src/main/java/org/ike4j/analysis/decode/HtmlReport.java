package org.ike4j.analysis.decode;

import org.ike4j.analysis.decode.Conversation.FrameNote;
import org.ike4j.analysis.decode.Conversation.IkeSaConversation;

/**
 * The conversation as one self-contained HTML page (no script, no external resource): per IKE SA
 * a ladder diagram with the initiator's and the responder's lifelines, one arrow per message
 * labelled with frame, exchange, message ID and payloads, each expandable ({@code <details>}) to
 * its decoded tree. Messages that could not be decrypted or decoded are drawn red with the reason.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d1d1f;background:#fff}
            h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 6px}
            .summary{color:#555;font-size:13px;margin-bottom:8px}
            .keys{font-size:12px;color:#555;margin:0;padding-left:18px}
            .ladder{max-width:1100px}
            .ends{display:flex;justify-content:space-between;font-weight:600;font-size:13px;padding:6px 0;
              border-bottom:2px solid #333}
            .ends span:last-child{text-align:right}
            .msg{border-left:3px solid #333;border-right:3px solid #333;padding:8px 0 2px}
            .lbl{margin:0 28px;font-size:13px;text-align:center}
            .lbl .ex{font-weight:600}
            .lbl .pl{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#333}
            .why{margin:2px 28px 0;font-size:12px;text-align:center}
            .arrow{position:relative;height:0;border-top:2px solid #1a7f37;margin:6px 14px 4px}
            .ir .arrow::after,.ri .arrow::after{content:"";position:absolute;top:-7px;border-top:6px solid transparent;
              border-bottom:6px solid transparent}
            .ir .arrow::after{right:-2px;border-left:12px solid #1a7f37}
            .ri .arrow::after{left:-2px;border-right:12px solid #1a7f37}
            .plain .arrow{border-top-color:#555}
            .plain.ir .arrow::after{border-left-color:#555} .plain.ri .arrow::after{border-right-color:#555}
            .frag .arrow{border-top-style:dashed}
            .fail .arrow{border-top-color:#c62828}
            .fail.ir .arrow::after{border-left-color:#c62828} .fail.ri .arrow::after{border-right-color:#c62828}
            .fail .lbl,.fail .why{color:#c62828}
            .ok .why{color:#1a7f37}
            details{margin:2px 28px 4px;font-size:12px}
            summary{cursor:pointer;color:#0550ae}
            pre{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;overflow-x:auto;font-size:12px;line-height:1.35}
            table.other{border-collapse:collapse;font-size:12px} table.other td{padding:2px 10px 2px 0;vertical-align:top} tr.fail td{color:#c62828}
            .legend{font-size:12px;color:#555}
            .legend b.g{color:#1a7f37} .legend b.r{color:#c62828}
            """;

    /** The page. */
    public static String render(Conversation c) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ike4j decode: ")
                .append(esc(c.capture())).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>ike4j decode: ").append(esc(c.capture())).append("</h1>\n");
        h.append("<div class=\"summary\">").append(esc(TextReport.summary(c))).append("</div>\n");
        h.append("<div class=\"legend\"><b class=\"g\">green</b>: decrypted; grey: sent in the clear;"
                + " <b class=\"r\">red</b>: not decrypted or malformed (the reason is under the arrow);"
                + " dashed: a fragment. Click a message for its decoded tree.</div>\n");
        if (!c.keyNotes().isEmpty()) {
            h.append("<ul class=\"keys\">");
            for (String n : c.keyNotes()) {
                h.append("<li>").append(esc(n)).append("</li>");
            }
            h.append("</ul>\n");
        }
        for (IkeSaConversation sa : c.sas()) {
            h.append("<h2>").append(sa.version() == 1 ? "IKEv1 ISAKMP SA " : "IKEv2 IKE SA ")
                    .append(esc(sa.initiatorSpi())).append(" / ").append(esc(sa.responderSpi())).append("</h2>\n");
            h.append("<div class=\"summary\">").append(esc(sa.keys())).append("</div>\n");
            h.append("<div class=\"ladder\"><div class=\"ends\"><span>Initiator ").append(esc(sa.initiator()))
                    .append("</span><span>Responder ").append(esc(sa.responder())).append("</span></div>\n");
            for (DecodedMessage m : sa.messages()) {
                message(h, m);
            }
            h.append("</div>\n");
        }
        if (!c.frameNotes().isEmpty()) {
            h.append("<h2>Other frames</h2>\n<table class=\"other\">");
            for (FrameNote n : c.frameNotes()) {
                h.append(n.esp().map(e -> e.status().failure()).orElse(n.kind() == FrameNote.Kind.UNREADABLE)
                        ? "<tr class=\"fail\"" : "<tr").append(" id=\"frame-").append(n.frame()).append("\"><td>frame ")
                        .append(n.frame()).append("</td><td>").append(n.kind()).append("</td><td>")
                        .append(esc(n.text())).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void message(StringBuilder h, DecodedMessage m) {
        String kind = switch (m.status()) {
            case PLAIN -> "plain";
            case DECRYPTED -> "ok";
            case FRAGMENT -> "ok frag";
            case NOT_DECRYPTED, MALFORMED -> "fail";
        };
        String dir = m.direction() == DecodedMessage.Direction.INITIATOR_TO_RESPONDER ? "ir" : "ri";
        h.append("<div class=\"msg ").append(dir).append(' ').append(kind).append("\" id=\"frame-").append(m.frame())
                .append("\">");
        h.append("<div class=\"lbl\">frame ").append(m.frame()).append(" &middot; <span class=\"ex\">")
                .append(esc(m.exchange())).append("</span> &middot; MID ").append(m.messageIdText()).append(" &middot; ")
                .append(esc(m.direction().arrow())).append("<br><span class=\"pl\">")
                .append(esc(String.join(" ", m.payloads()))).append("</span></div>");
        h.append("<div class=\"arrow\"></div>");
        String why = switch (m.status()) {
            case PLAIN -> "";
            case DECRYPTED -> "decrypted" + (m.detail().isEmpty() ? "" : ": " + m.detail());
            case FRAGMENT -> m.detail();
            case NOT_DECRYPTED -> "not decrypted: " + m.detail();
            case MALFORMED -> "malformed: " + m.detail();
        };
        if (!why.isEmpty()) {
            h.append("<div class=\"why\">").append(esc(why)).append("</div>");
        }
        h.append("<details><summary>").append(esc(m.source())).append(" &rarr; ").append(esc(m.destination()))
                .append(", ").append(esc(TextReport.time(m.time()))).append(", flags ").append(esc(m.flags()))
                .append("</summary><pre>").append(esc(m.tree().render())).append("</pre></details>");
        h.append("</div>\n");
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
