package com.gdxfetch.net;

import java.util.List;

/**
 * A callback that throws when its request ends a second time, naming the request: the throw
 * reaches the manager's callback error handler, where a test collects it. It ignores the outcome.
 */
class EndsOnce<T> implements FetchCallback<T> {
    private final String what;
    private int terminals;

    /** @param what names the request in the failure, e.g. its method and path */
    EndsOnce(String what) {
        this.what = what;
    }

    /** The same for a streamed request, adding each item to {@code items}. */
    static <T> ItemCallback<T> items(String what, List<T> items) {
        return new Items<>(what, items);
    }

    @Override
    public void onSuccess(T result, HttpResponse response) {
        ended();
    }

    @Override
    public void onFailure(FetchException failure) {
        ended();
    }

    @Override
    public void onCancelled() {
        ended();
    }

    private void ended() {
        if (++terminals > 1) {
            throw new AssertionError(what + " got a second terminal callback");
        }
    }

    private static final class Items<T> extends EndsOnce<Long> implements ItemCallback<T> {
        private final List<T> items;

        Items(String what, List<T> items) {
            super(what);
            this.items = items;
        }

        @Override
        public void onItem(T item) {
            items.add(item);
        }
    }
}
