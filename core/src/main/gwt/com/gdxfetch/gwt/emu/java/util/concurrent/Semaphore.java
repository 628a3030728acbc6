package java.util.concurrent;

/** Permits counted on the browser's one thread; acquiring more than there are is a bug there. */
public class Semaphore {
    private int permits;

    public Semaphore(int permits) {
        this.permits = permits;
    }

    public boolean tryAcquire() {
        if (permits <= 0) {
            return false;
        }
        permits--;
        return true;
    }

    public void acquireUninterruptibly() {
        if (!tryAcquire()) {
            throw new IllegalStateException("no permit left, and a browser cannot wait for one");
        }
    }

    public void release() {
        permits++;
    }

    public int availablePermits() {
        return permits;
    }
}
