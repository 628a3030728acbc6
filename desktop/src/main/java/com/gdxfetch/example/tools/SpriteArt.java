package com.gdxfetch.example.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;

/** The example game's sprites, drawn with Java2D shapes so the sheet needs no art files. */
final class SpriteArt {
    static final Color PANEL_FILL = new Color(30, 42, 78);
    private static final Color PANEL_EDGE = new Color(112, 150, 232);
    private static final Color BODY = new Color(62, 214, 192);
    private static final Color BODY_DARK = new Color(28, 128, 132);
    private static final Color VISOR = new Color(22, 30, 52);
    private static final Color EYE = new Color(255, 226, 92);

    private SpriteArt() {
    }

    /** The robot: {@code legPhase} 0..3 runs, -1 stands, -2 tucks the legs for a jump. */
    static void robot(Graphics2D g, int legPhase, int bob) {
        g.setStroke(new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(BODY_DARK);
        int hip = 34 + bob;
        if (legPhase == -2) {
            g.drawLine(18, hip, 14, hip + 7);
            g.drawLine(30, hip, 34, hip + 7);
        } else if (legPhase == -1) {
            g.drawLine(18, hip, 17, 45);
            g.drawLine(30, hip, 31, 45);
        } else {
            int swing = new int[] {-5, 0, 5, 0}[legPhase];
            g.drawLine(18, hip, 18 + swing, 45);
            g.drawLine(30, hip, 30 - swing, 45);
        }
        g.setStroke(new BasicStroke(2f));
        g.drawLine(24, 8 + bob, 24, 3 + bob);
        g.setColor(EYE);
        g.fill(new Ellipse2D.Float(21, 0 + bob, 6, 6));
        g.setPaint(new GradientPaint(0, 8 + bob, BODY, 0, 38 + bob, BODY_DARK));
        g.fill(new RoundRectangle2D.Float(8, 8 + bob, 32, 28, 14, 14));
        g.setColor(VISOR);
        g.fill(new RoundRectangle2D.Float(12, 13 + bob, 24, 12, 10, 10));
        g.setColor(EYE);
        g.fill(new Ellipse2D.Float(16, 16 + bob, 6, 6));
        g.fill(new Ellipse2D.Float(26, 16 + bob, 6, 6));
        g.setColor(new Color(255, 255, 255, 90));
        g.fill(new RoundRectangle2D.Float(11, 10 + bob, 14, 3, 3, 3));
    }

    /** A flying saucer whose lights chase round over four frames. */
    static void drone(Graphics2D g, int frame, int w, int h) {
        g.setPaint(new RadialGradientPaint(w / 2f, h * 0.35f, w * 0.3f, new float[] {0f, 1f},
                new Color[] {new Color(190, 250, 255), new Color(70, 170, 220)}));
        g.fill(new Ellipse2D.Float(w * 0.3f, 1, w * 0.4f, h * 0.6f));
        g.setPaint(new GradientPaint(0, h * 0.4f, new Color(214, 96, 246), 0, h - 2, new Color(110, 40, 150)));
        g.fill(new Ellipse2D.Float(1, h * 0.38f, w - 2, h * 0.5f));
        for (int i = 0; i < 4; i++) {
            boolean lit = i == frame;
            g.setColor(lit ? new Color(255, 240, 140) : new Color(120, 60, 150));
            float x = 7 + i * (w - 18) / 3f;
            g.fill(new Ellipse2D.Float(x, h * 0.58f, 5, 5));
        }
    }

    /** The player's shot: a bright capsule with a soft halo. */
    static void bolt(Graphics2D g, int w, int h) {
        g.setColor(new Color(255, 200, 80, 90));
        g.fill(new RoundRectangle2D.Float(0, 0, w, h, w, w));
        g.setPaint(new GradientPaint(0, 0, Color.WHITE, 0, h, new Color(255, 190, 60)));
        g.fill(new RoundRectangle2D.Float(w / 4f, 2, w / 2f, h - 4, w / 2f, w / 2f));
    }

    /** An explosion: a ring that grows and fades, with shards, over {@code frames} frames. */
    static void boom(Graphics2D g, int frame, int frames, int size) {
        float t = (frame + 1f) / frames;
        float r = size * 0.12f + size * 0.36f * t;
        int alpha = (int) (255 * (1f - t * 0.8f));
        float c = size / 2f;
        g.setPaint(new RadialGradientPaint(c, c, r, new float[] {0f, 0.6f, 1f},
                new Color[] {new Color(255, 255, 220, alpha), new Color(255, 150, 60, alpha),
                    new Color(255, 80, 40, 0)}));
        g.fill(new Ellipse2D.Float(c - r, c - r, 2 * r, 2 * r));
        g.setColor(new Color(255, 220, 120, alpha));
        for (int i = 0; i < 8; i++) {
            double a = i * Math.PI / 4 + t;
            float d = r * 0.9f;
            g.fill(new Ellipse2D.Double(c + Math.cos(a) * d - 2, c + Math.sin(a) * d - 2, 4, 4));
        }
    }

    /** A round glow, white in the middle, for stars and sparks. */
    static void glow(Graphics2D g, int size) {
        float c = size / 2f;
        g.setPaint(new RadialGradientPaint(c, c, c, new float[] {0f, 0.35f, 1f},
                new Color[] {Color.WHITE, new Color(255, 255, 255, 140), new Color(255, 255, 255, 0)}));
        g.fillRect(0, 0, size, size);
    }

    /** A heart for the lives counter. */
    static void heart(Graphics2D g, int w, int h) {
        Path2D.Float p = new Path2D.Float();
        p.moveTo(w / 2f, h - 1);
        p.curveTo(-w * 0.2f, h * 0.45f, w * 0.15f, -h * 0.25f, w / 2f, h * 0.3f);
        p.curveTo(w * 0.85f, -h * 0.25f, w * 1.2f, h * 0.45f, w / 2f, h - 1);
        g.setPaint(new GradientPaint(0, 0, new Color(255, 120, 140), 0, h, new Color(200, 40, 80)));
        g.fill(p);
    }

    /** The moon, with a few soft craters. */
    static void moon(Graphics2D g, int size) {
        float c = size / 2f;
        g.setPaint(new RadialGradientPaint(c, c, c, new float[] {0f, 0.62f, 0.7f, 1f}, new Color[] {
            new Color(255, 246, 214, 255), new Color(246, 230, 180, 255), new Color(246, 230, 180, 60),
            new Color(246, 230, 180, 0)}));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(214, 196, 150, 150));
        g.fill(new Ellipse2D.Float(c - 20, c - 14, 16, 14));
        g.fill(new Ellipse2D.Float(c + 8, c + 6, 12, 10));
        g.fill(new Ellipse2D.Float(c - 6, c + 16, 9, 8));
    }

    /** Rolling hills that tile horizontally: every wave's period divides the width. */
    static void hills(Graphics2D g, int w, int h, Color top, Color bottom) {
        Path2D.Float p = new Path2D.Float();
        p.moveTo(0, h);
        for (int x = 0; x <= w; x += 2) {
            double a = 2 * Math.PI * x / w;
            double y = h * 0.45 + Math.sin(a * 2) * h * 0.18 + Math.sin(a * 5 + 1) * h * 0.08
                    + Math.sin(a * 9) * h * 0.03;
            p.lineTo(x, y);
        }
        p.lineTo(w, h);
        p.closePath();
        g.setPaint(new GradientPaint(0, h * 0.2f, top, 0, h, bottom));
        g.fill(p);
    }

    /** A ground tile: a glowing edge over dark stone. */
    static void ground(Graphics2D g, int w, int h) {
        g.setPaint(new GradientPaint(0, 0, new Color(46, 52, 88), 0, h, new Color(20, 22, 42)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(14, 16, 32));
        g.fillRect(0, 14, w, 2);
        g.fillRect(w / 2, 16, 2, h - 16);
        g.fillRect(0, 6, 2, 8);
        g.setColor(new Color(96, 232, 170));
        g.fillRect(0, 0, w, 4);
        g.setColor(new Color(190, 255, 220));
        g.fillRect(0, 0, w, 1);
    }

    /** An opaque rounded panel with a light border, for nine-patch drawing. */
    static void panel(Graphics2D g, int w, int h) {
        g.setColor(PANEL_EDGE);
        g.fill(new RoundRectangle2D.Float(0, 0, w, h, 24, 24));
        g.setColor(PANEL_FILL);
        g.fill(new RoundRectangle2D.Float(3, 3, w - 6, h - 6, 20, 20));
    }
}
