package org.ike4j.config.junos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Configuration;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Secrets;
import org.ike4j.config.SourceLocation;

/**
 * Loads a Junos configuration, in brace form or as set commands (recognised by the first
 * statement), onto the configuration model. A syntax error makes the whole file unreadable; a
 * semantic error refuses the vpn it affects while the others load.
 */
public final class JunosLoader {

    public Configuration load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            return failed(List.of(org.ike4j.config.Problem.error(new SourceLocation(file.toString(), 0, 0),
                    "cannot read " + file + ": " + e.getMessage())));
        }
    }

    public Configuration parse(String fileName, String text) {
        Diagnostics d = new Diagnostics();
        try {
            JunosNode root = tree(fileName, text, d);
            return new JunosMapper(root, d).map();
        } catch (ConfigException e) {
            d.addAll(e.problems());
            return failed(d.problems());
        }
    }

    static JunosNode tree(String fileName, String text, Diagnostics d) throws ConfigException {
        List<JunosParser.Token> tokens = JunosParser.tokenize(fileName, text);
        return JunosParser.looksLikeSetForm(tokens) ? JunosParser.parseSet(fileName, text, d)
                : JunosParser.parseBraces(fileName, text);
    }

    private static Configuration failed(List<org.ike4j.config.Problem> problems) {
        return new Configuration(Map.of(), Secrets.EMPTY, GlobalSettings.EMPTY, Map.of(), problems);
    }
}
