package com.gdxfetch.bench;

import com.badlogic.gdx.utils.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** The anti-pattern: each request fetched with a blocking HttpURLConnection inside the frame, then parsed there. */
final class BlockingFrameClient extends FrameClient {
    private final Json json = new Json();

    BlockingFrameClient() {
        json.setIgnoreUnknownFields(true);
    }

    @Override
    String name() {
        return "blocking";
    }

    @Override
    void frame(String url, int newRequests) throws Exception {
        for (int i = 0; i < newRequests; i++) {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            String text;
            try (InputStream in = connection.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                failedOne(e);
                continue;
            }
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("status " + connection.getResponseCode() + " from " + url);
            }
            Leaderboard board = json.fromJson(Leaderboard.class, text);
            parsedOne(board);
        }
    }

    @Override
    public void close() {
    }
}
