package com.gdxfetch.graphics.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.glutils.FrameBuffer;
import com.badlogic.gdx.graphics.glutils.GLFrameBuffer;
import com.badlogic.gdx.utils.Array;
import com.gdxfetch.internal.GlContext;
import com.gdxfetch.internal.RestorableStorage;

/**
 * An RGBA8888 frame buffer that is rebuilt around the same colour texture after a lost GL context.
 *
 * <p>libGDX 1.14.2's own rebuild ({@code FrameBuffer.invalidateAllFrameBuffers}, which Android
 * calls) makes a second colour texture but attaches the first, whose name died with the old
 * context, and registers the buffer again while iterating the registry. Here the colour texture is
 * managed ({@link RestorableStorage}): libGDX reloads it blank into the new context, under the
 * same {@code Texture} object, before the frame buffers are rebuilt; a rebuild attaches it again
 * and leaves the registry as it was. A backend that reloads textures but does not rebuild frame
 * buffers is caught by {@link #rebuildIfLost()}. Render thread only.
 */
final class RestorableFrameBuffer extends FrameBuffer {
    // No initialisers: the first build() runs inside the superclass constructor, before they would.
    private Texture colour;
    private int builtGeneration;

    RestorableFrameBuffer(int width, int height) {
        super(Pixmap.Format.RGBA8888, width, height, false);
    }

    /** Builds again if the context changed since the last build. */
    void rebuildIfLost() {
        if (builtGeneration != GlContext.generation()) {
            build();
        }
    }

    @Override
    protected void build() {
        // The old attachment is this same texture, now under its new name; nothing to delete.
        textureAttachments.clear();
        super.build();
        builtGeneration = GlContext.generation();
        Array<GLFrameBuffer> registry = buffers.get(Gdx.app);
        if (registry != null && registry.indexOf(this, true) != registry.lastIndexOf(this, true)) {
            registry.removeIndex(registry.lastIndexOf(this, true));
        }
    }

    @Override
    protected Texture createTexture(FrameBufferTextureAttachmentSpec attachmentSpec) {
        if (colour == null) {
            colour = new Texture(new RestorableStorage(getWidth(), getHeight(), Pixmap.Format.RGBA8888, false));
            colour.setFilter(Texture.TextureFilter.Nearest, Texture.TextureFilter.Nearest);
            colour.setWrap(Texture.TextureWrap.ClampToEdge, Texture.TextureWrap.ClampToEdge);
        }
        return colour;
    }

    @Override
    protected void disposeColorTexture(Texture colorTexture) {
        colorTexture.dispose();
    }
}
