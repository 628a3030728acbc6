package com.gdxfetch.image.internal;

import java.util.concurrent.Semaphore;

/**
 * A JVM without libGDX's natives, where allocating the decode buffer
 * ({@code BufferUtils.newUnsafeByteBuffer}) throws, as it does when the allocation fails. Decodes
 * one image body with a single decode slot and prints what was thrown and the slots left free.
 */
public final class DecodeSlotChild {
    private DecodeSlotChild() {
    }

    public static void main(String[] args) {
        Semaphore slots = new Semaphore(1);
        RemoteFile file = new RemoteFile(null, "http://127.0.0.1/a.png", false, null);
        byte[] body = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};
        String thrown = "nothing";
        try {
            FileDecoder.decode(file, body, 200, 4096, 4096L * 4096, slots);
        } catch (Throwable t) {
            thrown = t.getClass().getName();
        }
        System.out.println(thrown + " " + slots.availablePermits());
        System.out.flush();
    }
}
