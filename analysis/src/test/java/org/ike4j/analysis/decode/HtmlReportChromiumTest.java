package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page as a browser builds it: headless Chromium loads the file and dumps its DOM, which
 * must hold one arrow per message, the failures marked, and nothing fetched from elsewhere
 * (skipped where Chromium is not installed, except under {@code CI=true}).
 */
class HtmlReportChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void chromiumBuildsTheLadder(@TempDir Path dir) throws Exception {
        // skips on a laptop without Chromium, fails under CI=true
        Prerequisites.require(Requirement.CHROMIUM);
        Conversation c = Decoder.decode(DecoderTsharkTest.OWN.resolve("charon-ikev1-psk-3des-md5.pcapng"),
                KeySources.none());
        Path page = Files.writeString(dir.resolve("page.html"), HtmlReport.render(c));
        Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        assertEquals(9, dom.split("class=\"arrow\"", -1).length - 1, "one arrow per message");
        assertEquals(5, dom.split("class=\"msg [a-z]+ fail\"", -1).length - 1, "the five encrypted ones in red");
        assertTrue(dom.contains("not decrypted: no key for initiator cookie"), "the reason under the arrow");
    }
}
