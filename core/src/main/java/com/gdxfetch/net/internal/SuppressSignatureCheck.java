package com.gdxfetch.net.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code the platform API check (animal-sniffer) skips because it runs only where a
 * platform seam such as {@link TlsPlatform} has found the newer API it calls.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
@interface SuppressSignatureCheck {
}
