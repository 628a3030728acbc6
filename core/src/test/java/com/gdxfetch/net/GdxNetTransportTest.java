package com.gdxfetch.net;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Gdx.net transport inside a running headless application, whose Gdx.net is the same
 * HttpURLConnection-based implementation the desktop backend uses.
 */
class GdxNetTransportTest extends TransportContractTest {
    private static HeadlessApplication app;

    @BeforeAll
    static void startApplication() {
        app = new HeadlessApplication(new ApplicationAdapter() { }, new HeadlessApplicationConfiguration());
    }

    @AfterAll
    static void stopApplication() {
        app.exit();
    }

    @Override
    protected Transport newTransport() {
        if (Gdx.net == null) {
            throw new AssertionError("the headless application did not set Gdx.net");
        }
        return Transports.gdxNet();
    }
}
