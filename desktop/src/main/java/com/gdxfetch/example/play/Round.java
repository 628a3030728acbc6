package com.gdxfetch.example.play;

import com.badlogic.gdx.math.MathUtils;
import com.badlogic.gdx.math.RandomXS128;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Pool;
import com.gdxfetch.example.Actions;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.ui.Backdrop;

/**
 * One round of Night Shift: the robot runs along the ground, jumps, and shoots the drones that
 * drift down before they land; downed drones may drop a star worth catching. The rules only,
 * no drawing; entities come from pools, so a round makes no garbage. Render thread.
 */
public final class Round {
    public static final int START_LIVES = 3;
    static final float RUN_SPEED = 330;
    static final float JUMP_SPEED = 780;
    private static final float GRAVITY = 2100;
    private static final float ACCELERATION = 2600;
    private static final float BOLT_SPEED = 780;
    private static final float SHOT_INTERVAL = 0.16f;
    private static final float INVULNERABLE_SECONDS = 1.2f;
    private static final float COMBO_WINDOW = 1.6f;
    private static final int MAX_COMBO = 5;

    /** A drone on its way down. */
    public static final class Drone implements Pool.Poolable {
        public float x;
        public float y;
        public float age;
        float baseX;
        float phase;
        float speed;

        @Override
        public void reset() {
            age = 0;
        }
    }

    /** A shot on its way up. */
    public static final class Bolt implements Pool.Poolable {
        public float x;
        public float y;

        @Override
        public void reset() {
        }
    }

    /** A star a downed drone dropped. */
    public static final class Pickup implements Pool.Poolable {
        public float x;
        public float y;
        public float age;
        public float groundTime;

        @Override
        public void reset() {
            age = 0;
            groundTime = 0;
        }
    }

    /** An explosion playing out. */
    public static final class Blast implements Pool.Poolable {
        public float x;
        public float y;
        public float age;

        @Override
        public void reset() {
            age = 0;
        }
    }

    /** Entities a round is ready for without allocating; more are made if ever needed. */
    private static final int PREPARED = 48;

    public final Array<Drone> drones = new Array<>(false, PREPARED);
    public final Array<Bolt> bolts = new Array<>(false, PREPARED);
    public final Array<Pickup> pickups = new Array<>(false, PREPARED);
    public final Array<Blast> blasts = new Array<>(false, PREPARED);
    private final Pool<Drone> dronePool = pool(Drone::new);
    private final Pool<Bolt> boltPool = pool(Bolt::new);
    private final Pool<Pickup> pickupPool = pool(Pickup::new);
    private final Pool<Blast> blastPool = pool(Blast::new);
    private final RandomXS128 random;
    private final float duration;

    public float playerX = FetchGame.WIDTH / 2f;
    public float playerY = Backdrop.GROUND_Y;
    public float velocityX;
    public float velocityY;
    public boolean facingLeft;
    public float elapsed;
    public float invulnerable;
    public int score;
    public int lives = START_LIVES;
    public int combo = 1;
    public int downed;
    private float comboTimer;
    private float shotTimer;
    private float spawnTimer = 0.6f;

    /** A round lasting {@code seconds}, with drones placed from {@code seed}. */
    public Round(float seconds, long seed) {
        this.duration = seconds;
        this.random = new RandomXS128(seed);
    }

    /** Seconds left on the clock. */
    public float timeLeft() {
        return Math.max(0f, duration - elapsed);
    }

    /** Whether the clock ran out or the last life was lost. */
    public boolean isOver() {
        return lives <= 0 || elapsed >= duration;
    }

    /** Whether the robot stands on the ground. */
    public boolean onGround() {
        return playerY <= Backdrop.GROUND_Y;
    }

    /** Advances the round by {@code delta} seconds with what {@code controls} ask for. */
    public void update(float delta, Controls controls) {
        if (isOver()) {
            return;
        }
        elapsed += delta;
        invulnerable = Math.max(0f, invulnerable - delta);
        comboTimer -= delta;
        if (comboTimer <= 0) {
            combo = 1;
        }
        movePlayer(delta, controls);
        shoot(delta, controls);
        spawn(delta);
        moveBolts(delta);
        moveDrones(delta);
        movePickups(delta);
        for (int i = blasts.size - 1; i >= 0; i--) {
            Blast b = blasts.get(i);
            b.age += delta;
            if (b.age > 0.4f) {
                blastPool.free(blasts.removeIndex(i));
            }
        }
    }

    private void movePlayer(float delta, Controls controls) {
        float want = 0;
        if (controls.isPressed(Actions.LEFT)) {
            want -= RUN_SPEED;
        }
        if (controls.isPressed(Actions.RIGHT)) {
            want += RUN_SPEED;
        }
        velocityX = approach(velocityX, want, ACCELERATION * delta);
        if (want != 0) {
            facingLeft = want < 0;
        }
        playerX = MathUtils.clamp(playerX + velocityX * delta, 24, FetchGame.WIDTH - 24);
        if (onGround() && controls.justPressed(Actions.JUMP)) {
            velocityY = JUMP_SPEED;
        }
        velocityY -= GRAVITY * delta;
        playerY += velocityY * delta;
        if (playerY <= Backdrop.GROUND_Y) {
            playerY = Backdrop.GROUND_Y;
            velocityY = 0;
        }
    }

    private void shoot(float delta, Controls controls) {
        shotTimer -= delta;
        if (controls.isPressed(Actions.SHOOT) && shotTimer <= 0) {
            shotTimer = SHOT_INTERVAL;
            Bolt bolt = boltPool.obtain();
            bolt.x = playerX;
            bolt.y = playerY + 40;
            bolts.add(bolt);
        }
    }

    private void spawn(float delta) {
        spawnTimer -= delta;
        if (spawnTimer > 0) {
            return;
        }
        spawnTimer = Math.max(0.5f, 1.35f - elapsed * 0.02f) * (0.7f + random.nextFloat() * 0.6f);
        Drone d = dronePool.obtain();
        d.baseX = 60 + random.nextFloat() * (FetchGame.WIDTH - 120);
        d.x = d.baseX;
        d.y = FetchGame.HEIGHT + 20;
        d.phase = random.nextFloat() * MathUtils.PI2;
        d.speed = 55 + random.nextFloat() * 45 + elapsed * 1.5f;
        drones.add(d);
    }

    private void moveBolts(float delta) {
        for (int i = bolts.size - 1; i >= 0; i--) {
            Bolt b = bolts.get(i);
            b.y += BOLT_SPEED * delta;
            if (b.y > FetchGame.HEIGHT + 20 || hitDrone(b)) {
                boltPool.free(bolts.removeIndex(i));
            }
        }
    }

    private boolean hitDrone(Bolt bolt) {
        for (int i = drones.size - 1; i >= 0; i--) {
            Drone d = drones.get(i);
            if (Math.abs(d.x - bolt.x) < 26 && Math.abs(d.y - bolt.y) < 22) {
                score += 100 * combo;
                combo = Math.min(MAX_COMBO, combo + 1);
                comboTimer = COMBO_WINDOW;
                downed++;
                blast(d.x, d.y);
                if (random.nextFloat() < 0.35f) {
                    Pickup p = pickupPool.obtain();
                    p.x = d.x;
                    p.y = d.y;
                    pickups.add(p);
                }
                dronePool.free(drones.removeIndex(i));
                return true;
            }
        }
        return false;
    }

    private void moveDrones(float delta) {
        for (int i = drones.size - 1; i >= 0; i--) {
            Drone d = drones.get(i);
            d.age += delta;
            d.y -= d.speed * delta;
            d.x = d.baseX + MathUtils.sin(d.phase + d.age * 1.7f) * 42f;
            boolean landed = d.y < Backdrop.GROUND_Y + 12;
            boolean rammed = Math.abs(d.x - playerX) < 30 && Math.abs(d.y - (playerY + 24)) < 28;
            if (landed || rammed && invulnerable <= 0) {
                blast(d.x, d.y);
                loseLife();
                dronePool.free(drones.removeIndex(i));
            }
        }
    }

    private void movePickups(float delta) {
        for (int i = pickups.size - 1; i >= 0; i--) {
            Pickup p = pickups.get(i);
            p.age += delta;
            if (p.y > Backdrop.GROUND_Y + 10) {
                p.y -= 80 * delta;
            } else {
                p.groundTime += delta;
            }
            boolean caught = Math.abs(p.x - playerX) < 30 && Math.abs(p.y - (playerY + 24)) < 34;
            if (caught) {
                score += 250;
            }
            if (caught || p.groundTime > 1.5f) {
                pickupPool.free(pickups.removeIndex(i));
            }
        }
    }

    private void loseLife() {
        if (invulnerable > 0) {
            return;
        }
        lives--;
        combo = 1;
        invulnerable = INVULNERABLE_SECONDS;
    }

    private void blast(float x, float y) {
        Blast b = blastPool.obtain();
        b.x = x;
        b.y = y;
        blasts.add(b);
    }

    private static float approach(float value, float target, float step) {
        return value < target ? Math.min(target, value + step) : Math.max(target, value - step);
    }

    private static <T> Pool<T> pool(java.util.function.Supplier<T> factory) {
        Pool<T> pool = new Pool<T>(PREPARED) {
            @Override
            protected T newObject() {
                return factory.get();
            }
        };
        // Made at the start of the round, so the round itself never allocates.
        pool.fill(PREPARED);
        return pool;
    }
}
