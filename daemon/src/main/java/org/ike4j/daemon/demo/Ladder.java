package org.ike4j.daemon.demo;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.daemon.format.Addresses;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;

/**
 * The exchange between the demo's two peers, message by message, as a ladder. Each engine traces
 * a message's plaintext tree ("sending ID_PROT (MAIN_I1) to ...") just before it asks the daemon
 * to send it; the next {@code Send} of the same input is that message. A {@code Send} with no
 * trace before it is a retransmission of an earlier message.
 *
 * <p>Thread-safe: each peer's listener runs on that daemon's loop thread. Steps are recorded
 * before the datagram leaves, so a reply is always after the message it answers.
 */
public final class Ladder {

    /**
     * One message.
     *
     * @param from the sending peer's name
     * @param to the receiving peer's name
     * @param exchange "Main Mode", "Quick Mode", "Informational"...
     * @param number its place in its exchange, from 1
     * @param summary its payloads, briefly
     * @param tree the plaintext payload tree the engine traced (empty for a retransmission)
     * @param encrypted whether it went encrypted
     */
    public record Step(String from, InetSocketAddress source, String to, InetSocketAddress destination,
                       String exchange, int number, String summary, String tree, boolean encrypted, int bytes) {

        /** {@code server 127.80.80.80:10500  ->  SRX 127.80.80.13:10500   Main Mode #1  SA (...), VID (...)}. */
        public String line(int fromWidth, int toWidth) {
            String left = pad(from + " " + Addresses.hostPort(source), fromWidth);
            String right = pad(to + " " + Addresses.hostPort(destination), toWidth);
            String what = pad(exchange + " #" + number, 17);
            return left + "  ->  " + right + "   " + what + (encrypted ? "* " : "  ") + summary;
        }

        private static String pad(String s, int w) {
            return s.length() >= w ? s : s + " ".repeat(w - s.length());
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Seen> events = new ArrayList<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Map<InetSocketAddress, String> names = new HashMap<>();

    /** Names a peer by the address it sends from. */
    public synchronized void name(InetSocketAddress address, String name) {
        names.put(address, name);
    }

    /** A listener for one peer's engine. */
    public ObservedEngine.Listener listener(String peer) {
        String[] pending = {null};
        return actions -> {
            for (Action a : actions) {
                switch (a) {
                    case Action.Report(Event e) -> {
                        event(peer, e);
                        String m = e.message();
                        if (e.level() == Event.Level.TRACE && m.startsWith("sending ") && m.indexOf('\n') > 0) {
                            pending[0] = m;
                        }
                    }
                    case Action.Send s -> {
                        sent(peer, s, pending[0]);
                        pending[0] = null;
                    }
                    default -> { }
                }
            }
        };
    }

    /** An event of one peer's engine. */
    public record Seen(String peer, Event event) {
    }

    private synchronized void event(String peer, Event e) {
        events.add(new Seen(peer, e));
        notifyAll();
    }

    private synchronized void sent(String peer, Action.Send s, String traced) {
        String tree = traced == null ? null : traced.substring(traced.indexOf('\n') + 1);
        boolean encrypted = traced != null && traced.substring(0, traced.indexOf('\n')).contains(" encrypted ");
        String to = names.getOrDefault(s.remote(), "(no peer)");
        if (tree == null) {
            Step last = null;
            for (int i = steps.size() - 1; i >= 0 && last == null; i--) {
                if (steps.get(i).from().equals(peer)) {
                    last = steps.get(i);
                }
            }
            steps.add(new Step(peer, s.local(), to, s.remote(), last == null ? "?" : last.exchange(),
                    last == null ? 0 : last.number(), s.data().length() == 1 ? "NAT-keepalive" : "(retransmission)", "",
                    false, s.data().length()));
            notifyAll();
            return;
        }
        MessageSummary.Node m = MessageSummary.parse(tree);
        String type = m == null ? null : m.field("exchange type");
        String exchange = exchangeName(type);
        String icookie = m == null ? "" : String.valueOf(m.field("initiator cookie"));
        long mid = m == null ? -1 : MessageSummary.messageId(m);
        // Quick Modes are told apart by message ID; Main Mode has ID 0, and Informational
        // exchanges (one message each) are numbered in turn on their ISAKMP SA
        String key = exchange.equals("Quick Mode") ? icookie + "/" + exchange + "/" + mid : icookie + "/" + exchange;
        int n = numbers.merge(key, 1, Integer::sum);
        Step step = new Step(peer, s.local(), to, s.remote(), exchange, n, m == null ? "" : MessageSummary.payloads(m),
                tree, encrypted, s.data().length());
        steps.add(step);
        notifyAll();
    }

    private static String exchangeName(String type) {
        if (type == null) {
            return "?";
        }
        String t = type.replaceFirst(" \\(\\d+\\)$", "");
        return switch (t) {
            case "ID_PROT" -> "Main Mode";
            case "AGGRESSIVE" -> "Aggressive Mode";
            case "QUICK" -> "Quick Mode";
            case "INFORMATIONAL" -> "Informational";
            default -> t;
        };
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    public synchronized List<Seen> events() {
        return List.copyOf(events);
    }

    /** Waits until {@code done} holds for the events so far, or the timeout passes; returns whether it held. */
    public synchronized boolean await(java.util.function.Predicate<List<Seen>> done, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!done.test(events)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
