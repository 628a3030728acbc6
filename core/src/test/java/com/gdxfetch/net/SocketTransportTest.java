package com.gdxfetch.net;

/** The socket transport: the shared contract plus what only it can do. */
class SocketTransportTest extends TransportContractTest {
    @Override
    protected Transport newTransport() {
        return Transports.sockets();
    }
}
