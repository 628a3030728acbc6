package com.gdxfetch.net.internal;

import com.gdxfetch.net.Transport;

/** A transport listener whose exchanges may stream their bodies to a {@link StreamTarget}. */
public interface StreamingListener extends Transport.Listener {
    /** Where bodies stream to, or null to gather them into the response as usual. */
    StreamTarget streamTarget();
}
