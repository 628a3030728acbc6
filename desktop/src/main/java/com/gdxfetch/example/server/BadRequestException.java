package com.gdxfetch.example.server;

/** Input the server refuses, with the HTTP status and the message sent back as JSON. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    BadRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
