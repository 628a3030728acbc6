package com.gdxfetch.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Httpbin} for every test of a class: registered as a static
 * {@code @RegisterExtension} field, it starts the server before the class's first test and stops
 * it after its last, so a class does not pay gunicorn's start-up once per test.
 */
public final class HttpbinForClass implements BeforeAllCallback, AfterAllCallback {
    private Httpbin httpbin;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        httpbin = Httpbin.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (httpbin != null) {
            httpbin.close();
            httpbin = null;
        }
    }

    /** The URL of {@code pathAndQuery} (starting with '/') on the running server. */
    public String url(String pathAndQuery) {
        if (httpbin == null) {
            throw new IllegalStateException("httpbin runs only while the class's tests do");
        }
        return httpbin.url(pathAndQuery);
    }
}
