package com.gdxfetch.input;

import com.badlogic.gdx.controllers.Controller;
import com.badlogic.gdx.controllers.ControllerListener;
import com.badlogic.gdx.controllers.ControllerMapping;
import com.badlogic.gdx.controllers.ControllerPowerLevel;

/** A pad with an SDL-style layout; tests and benchmarks feed its events to a GamepadInput themselves. */
public final class TestController implements Controller {
    /** Axes 0-3 are the sticks; buttons follow SDL's order, L2/R2 being axes there. */
    private static final ControllerMapping MAPPING = new ControllerMapping(0, 1, 2, 3,
        0, 1, 2, 3, 4, 6, 9, ControllerMapping.UNDEFINED, 10, ControllerMapping.UNDEFINED, 7, 8, 11, 12, 13, 14) {
    };

    private boolean connected = true;

    /** Pulls the cable, as gdx-controllers reports it: this object stays disconnected for good. */
    public void unplug() {
        connected = false;
    }

    @Override
    public boolean getButton(int buttonCode) {
        return false;
    }

    @Override
    public float getAxis(int axisCode) {
        return 0f;
    }

    @Override
    public String getName() {
        return "test pad";
    }

    @Override
    public String getUniqueId() {
        return "test-pad-" + System.identityHashCode(this);
    }

    @Override
    public int getMinButtonIndex() {
        return 0;
    }

    @Override
    public int getMaxButtonIndex() {
        return 20;
    }

    @Override
    public int getAxisCount() {
        return 6;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public boolean canVibrate() {
        return false;
    }

    @Override
    public boolean isVibrating() {
        return false;
    }

    @Override
    public void startVibration(int duration, float strength) {
    }

    @Override
    public void cancelVibration() {
    }

    @Override
    public boolean supportsPlayerIndex() {
        return false;
    }

    @Override
    public int getPlayerIndex() {
        return PLAYER_IDX_UNSET;
    }

    @Override
    public void setPlayerIndex(int index) {
    }

    @Override
    public ControllerMapping getMapping() {
        return MAPPING;
    }

    @Override
    public ControllerPowerLevel getPowerLevel() {
        return ControllerPowerLevel.POWER_UNKNOWN;
    }

    @Override
    public void addListener(ControllerListener listener) {
    }

    @Override
    public void removeListener(ControllerListener listener) {
    }
}
