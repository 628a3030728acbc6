package java.util.concurrent;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.Iterator;

/** A queue on the browser's one thread. */
public class ConcurrentLinkedQueue<E> extends AbstractQueue<E> {
    private final ArrayDeque<E> items = new ArrayDeque<E>();

    public ConcurrentLinkedQueue() {
    }

    @Override
    public boolean offer(E e) {
        return items.offer(e);
    }

    @Override
    public E poll() {
        return items.poll();
    }

    @Override
    public E peek() {
        return items.peek();
    }

    @Override
    public Iterator<E> iterator() {
        return items.iterator();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public void clear() {
        items.clear();
    }
}
