package com.gdxfetch.bench;

import com.badlogic.gdx.utils.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** The anti-pattern: each request fetched with a blocking HttpURLConnection inside the frame, then parsed there. */
final class BlockingFrameClient implements FrameClient {
    private final Json json = new Json();
    private int parsed;
    private int failed;
    private long checksum;

    BlockingFrameClient() {
        json.setIgnoreUnknownFields(true);
    }

    @Override
    public String name() {
        return "blocking";
    }

    @Override
    public void frame(String url, int newRequests) throws Exception {
        for (int i = 0; i < newRequests; i++) {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            String text;
            try (InputStream in = connection.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                if (failed++ == 0) {
                    System.out.println("[bench] frame: blocking request failed: " + e);
                }
                continue;
            }
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("status " + connection.getResponseCode() + " from " + url);
            }
            Leaderboard board = json.fromJson(Leaderboard.class, text);
            parsed++;
            checksum += board.checksum();
        }
    }

    @Override
    public int parsed() {
        return parsed;
    }

    @Override
    public int failed() {
        return failed;
    }

    @Override
    public long checksum() {
        return checksum;
    }

    @Override
    public void close() {
    }
}
