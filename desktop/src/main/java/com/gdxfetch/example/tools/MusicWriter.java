package com.gdxfetch.example.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Synthesises the game's music loop, four bars of arpeggios over a bass line, as a 16-bit mono
 * WAV that loops without a click (every note's envelope ends inside its bar).
 */
final class MusicWriter {
    private static final int RATE = 22_050;
    private static final double BEAT_SECONDS = 0.5;
    /** Am, F, C, G as semitones above A3 (220 Hz). */
    private static final int[][] CHORDS = {{0, 3, 7, 12}, {-4, 0, 3, 8}, {3, 7, 10, 15}, {-2, 2, 5, 10}};

    private MusicWriter() {
    }

    /** Writes the loop to {@code file}. */
    static void write(Path file) throws IOException {
        int beats = CHORDS.length * 4;
        int samples = (int) (beats * BEAT_SECONDS * RATE);
        float[] mix = new float[samples];
        for (int bar = 0; bar < CHORDS.length; bar++) {
            int[] chord = CHORDS[bar];
            for (int eighth = 0; eighth < 8; eighth++) {
                int note = chord[new int[] {0, 1, 2, 3, 2, 1, 2, 3}[eighth]] + 12;
                double start = (bar * 4 + eighth * 0.5) * BEAT_SECONDS;
                addNote(mix, start, BEAT_SECONDS * 0.5, hz(note), 0.16f, true);
            }
            for (int half = 0; half < 2; half++) {
                double start = (bar * 4 + half * 2) * BEAT_SECONDS;
                addNote(mix, start, BEAT_SECONDS * 2, hz(chord[0] - 12), 0.28f, false);
            }
        }
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(samples * 2);
        for (float v : mix) {
            wav.putShort((short) Math.round(Math.max(-1f, Math.min(1f, v)) * 32_000));
        }
        Files.write(file, wav.array());
    }

    private static double hz(int semitonesAboveA3) {
        return 220.0 * Math.pow(2, semitonesAboveA3 / 12.0);
    }

    /** Adds a note with a quick attack and exponential decay; triangle for the lead, sine for the bass. */
    private static void addNote(float[] mix, double start, double length, double hz, float gain, boolean triangle) {
        int from = (int) (start * RATE);
        int count = (int) (length * RATE);
        for (int i = 0; i < count && from + i < mix.length; i++) {
            double t = (double) i / RATE;
            double phase = (t * hz) % 1.0;
            double wave = triangle ? 1 - 4 * Math.abs(phase - 0.5) : Math.sin(2 * Math.PI * phase);
            double attack = Math.min(1.0, t / 0.01);
            double release = Math.min(1.0, (count - i) / (0.02 * RATE));
            double decay = Math.exp(-t * (triangle ? 7 : 2.5));
            mix[from + i] += (float) (wave * gain * attack * release * decay);
        }
    }
}
