package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.image.internal.ImagePaths;
import org.junit.jupiter.api.Test;

class ImagePathsTest {
    @Test
    void slashesBackslashesDotsAndRepeatsMakeOneKey() {
        String[] spellings = {"hero/run.png", "hero\\run.png", "./hero//run.png", "hero/./run.png",
            "hero\\\\run.png", "/hero/run.png", "hero/run.png/", ".\\hero/.\\run.png"};
        for (String spelling : spellings) {
            assertEquals("hero/run.png", ImagePaths.normalise(spelling), spelling);
        }
    }

    @Test
    void caseIsKept() {
        assertEquals("Hero/Run.PNG", ImagePaths.normalise("Hero\\Run.PNG"));
    }

    @Test
    void dotDotInsideTheRootStepsBack() {
        assertEquals("items/coin.png", ImagePaths.normalise("hero/../items/coin.png"));
    }

    @Test
    void climbingOutOfTheRootIsRefusedNamingThePath() {
        for (String path : new String[] {"../secret.png", "hero/../../secret.png", "..\\x.png", "./.."}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagePaths.normalise(path));
            assertTrue(e.getMessage().contains(path) && e.getMessage().contains("climbs out"), e.getMessage());
        }
    }

    @Test
    void emptyAndNullPathsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImagePaths.normalise(""));
        assertThrows(IllegalArgumentException.class, () -> ImagePaths.normalise("./"));
        assertThrows(IllegalArgumentException.class, () -> ImagePaths.normalise(null));
    }

    @Test
    void atlasUrlsAreRecognisedByTheirPath() {
        assertTrue(ImagePaths.isAtlasUrl("http://h/sheets/hero.atlas"));
        assertTrue(ImagePaths.isAtlasUrl("http://h/sheets/hero.ATLAS?v=3"));
        assertFalse(ImagePaths.isAtlasUrl("http://h/sheets/hero.png"));
        assertFalse(ImagePaths.isAtlasUrl("http://h/atlas?x=hero.png"));
    }
}
