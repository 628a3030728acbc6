package com.gdxfetch.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The JSON object the frame benchmark fetches: a leaderboard page of about 4 KiB. */
public final class Leaderboard {
    public String board;
    public int season;
    public Entry[] entries;

    /** One row of the board. */
    public static final class Entry {
        public int rank;
        public String name;
        public long score;
        public int level;
        public String country;
        public float seconds;
    }

    /** A sum over the parsed rows, so parsing cannot be skipped. */
    long checksum() {
        long sum = season;
        for (Entry entry : entries) {
            sum += entry.score + entry.level + entry.name.length();
        }
        return sum;
    }

    /** A board serialized to at least {@code bytes} bytes of JSON. */
    static byte[] sample(int bytes) {
        String[] countries = {"DE", "JP", "BR", "US", "FR", "KR", "SE", "CA"};
        StringBuilder json = new StringBuilder("{\"board\":\"weekly-time-trial\",\"season\":12,\"entries\":[");
        for (int i = 0; json.length() < bytes - 2; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(String.format(Locale.ROOT,
                    "{\"rank\":%d,\"name\":\"player_%05d\",\"score\":%d,\"level\":%d,"
                            + "\"country\":\"%s\",\"seconds\":%.2f}",
                    i + 1, 7919 * (i + 3) % 100_000, 1_000_000 - i * 1_337, 1 + i % 60, countries[i % countries.length],
                    61.5f + i * 0.37f));
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
